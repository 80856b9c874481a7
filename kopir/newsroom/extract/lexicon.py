"""Word lists used by the rule-based extractor (kk / ru / en).

Everything here is hand-written data. Lists hold lower-case *stems*: matching in
:mod:`.textutil` allows inflectional endings (Russian cases, Kazakh case and
possessive suffixes) after a stem, so "Москв" matches "Москвы", and "алматы"
matches "Алматыда".
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in block.split() if w.strip())


# --- legal forms -----------------------------------------------------------
# Upper-case spelling matters: "АО" is a legal form, "ао" is not a word we want.
LEGAL_FORMS_BEFORE = frozenset(
    """ТОО АО ОАО ЗАО ПАО ООО НАО ИП РГП ГКП РГКП КГП КГКП ГУ РГУ КГУ ОО ОФ ЧУ НУО""".split()
)
LEGAL_FORMS_AFTER = frozenset(
    """LLP JSC LLC Ltd Ltd. Inc Inc. PLC GmbH AG Corp Corp. Co. SE SA NJSC Oy Oyj AB ASA BV NV SpA SAS RSE S.A. S.p.A. B.V. N.V.
    ЖШС АҚ КЕАҚ ҰАҚ ҰК ҰАК ЖАҚ МКК ШЖҚ ШЖҚ-ның РМК ММ ЖК ҚБ КМК""".split()
)
LEGAL_FORMS = LEGAL_FORMS_BEFORE | LEGAL_FORMS_AFTER
# Canonical legal form so aliases across languages compare equal.
LEGAL_FORM_CANON = {
    "ТОО": "LLP", "ЖШС": "LLP", "LLP": "LLP", "ООО": "LLC", "LLC": "LLC",
    "АО": "JSC", "АҚ": "JSC", "JSC": "JSC", "ОАО": "JSC", "ЗАО": "JSC", "ПАО": "JSC",
    "НАО": "NJSC", "КЕАҚ": "NJSC", "NJSC": "NJSC", "ҰАҚ": "NJSC",
    "РГП": "RSE", "РМК": "RSE", "ГКП": "SME", "МКК": "SME", "ШЖҚ": "REM", "ИП": "IE", "ЖК": "IE",
}

# --- organisation head words -----------------------------------------------
# Stems; "университет" also covers "университеті", "университетінің", "университета".
ORG_HEADS = _words(
    """
    университет институт академи министерств министрлі ведомств агентств агенттіг комитет
    департамент управлени акимат әкімдіг әкімшіліг мажилис мәжіліс сенат парламент правительств
    үкімет администраци мэри компани корпораци концерн холдинг банк фонд қор қоры қорының
    ассоциаци қауымдастығ союз одағ одақ партия партии партияс движени центр орталығ орталық служб
    суд сот соты прокуратур полици палат совет кеңес кеңесі организаци ұйым бірлестіг объединени
    обществ колледж лицей гимнази мектеб завод зауыт комбинат фабрик предприяти кәсіпорн
    кооператив газет журнал телеканал арна арнас издательств баспа музе мұражай театр клуб
    федераци лига миссия консорциум инспекци дума госдум кабинет представительств өкілдіг посольств
    елшіліг консульств трест хокимият нии институты технопарк акселератор инкубатор лаборатори
    зертхан кафедр факультет

    university institute academy ministry agency committee department akimat administration
    government parliament senate mazhilis company corporation bank foundation fund association union
    party center centre service court council organization organisation college school plant
    factory enterprise group holding museum theatre theater federation embassy laboratory park
    office commission authority inc corp llp jsc llc ltd plc gmbh institution polytechnic
    hospital clinic faculty ventures partners technologies solutions systems labs consulting
    holdings airlines airways technopark incubator accelerator consortium refinery gymnasium lyceum
    school-lyceum school-gymnasium consulate diocese eparchy church mosque cathedral synagogue
    """
)

# --- geography ---------------------------------------------------------------
LOCATIONS = _words(
    """
    uk uae darya syr-darya irtysh ертіс иртыш балқаш балхаш balkhash caspian каспий aral арал
    казахстан қазақстан kazakhstan россия ресей russia росси китай қытай china кнр сша ақш usa
    америка америк america украин ukraine беларус белорусси belarus узбекистан өзбекстан uzbekistan
    кыргызстан қырғызстан киргизи kyrgyzstan таджикистан тәжікстан tajikistan туркменистан
    түрікменстан turkmenistan турци түркия turkey türkiye германи germany франци france итали italy
    англи england великобритани ұлыбритания britain британи япони жапония japan коре корея korea
    инди үндістан india иран iran ирак iraq сири сирия syria израил israel египет мысыр egypt
    грузи georgia армени armenia азербайджан әзірбайжан azerbaijan молдов moldova польш poland
    чехи czech испани spain греци greece канад canada мексик mexico бразили brazil аргентин
    австрали australia афганистан ауғанстан afghanistan пакистан pakistan монголи моңғолия mongolia
    европ еуропа europe азия азии asia африк africa латви литв эстони финлянди швеци норвеги дани
    нидерланд голланди бельги австри швейцари serbia серби венгри румыни болгари ливи тунис катар
    оаэ вьетнам таиланд малайзи индонези сингапур куб венесуэл чили эритре сомали судан нигери юар
    кувейт иордани ливан палестин крым сибир кавказ чечн дагестан татарстан башкири ирландия
    португали хорвати словаки словени канада

    алматы алма-ата almaty астана нұр-сұлтан нур-султан nur-sultan astana шымкент shymkent
    караганд қарағанды karaganda karagandy семей семипалатинск semey semipalatinsk
    усть-каменогорск өскемен ust-kamenogorsk oskemen павлодар pavlodar актобе ақтөбе aktobe атырау
    atyrau актау ақтау aktau костанай қостанай kostanay кызылорд қызылорда kyzylorda тараз taraz
    талдыкорган талдықорған taldykorgan петропавл petropavlovsk кокшетау көкшетау kokshetau уральск
    орал oral uralsk туркестан түркістан turkestan жезказган жезқазған zhezkazgan экибастуз
    екібастұз ekibastuz темиртау теміртау temirtau байконур байқоңыр baikonur курчатов kurchatov
    риддер ridder аягоз аягөз ayagoz жанасемей

    москв moscow санкт-петербург петербург киев kyiv kiev минск minsk ташкент tashkent бишкек
    bishkek душанбе dushanbe пекин бейжің beijing токио tokyo лондон london париж paris берлин berlin
    вашингтон washington нью-йорк new-york рим rome стамбул istanbul анкара ankara дели delhi сеул
    seoul тбилиси tbilisi ереван yerevan баку baku дубай dubai женев geneva брюссел brussels вена
    vienna праг prague варшав warsaw рига riga вильнюс vilnius таллин tallinn хельсинки helsinki
    стокгольм stockholm осло oslo мадрид madrid барселон barcelona лиссабон lisbon афин athens
    каир cairo тегеран tehran багдад baghdad дамаск damascus кабул kabul иерусалим jerusalem химк
    новосибирск екатеринбург казан омск томск барнаул самар сочи владивосток красноярск волгоград
    ростов краснодар перм уф челябинск саратов воронеж калининград мурманск иркутск хабаровск
    оренбург астрахан новгород ярославл тюмен сургут

    жетісу жетысу zhetysu ұлытау улытау ulytau ақмола акмол akmola жамбыл жамбыл
    zhambyl маңғыстау мангистау mangystau сарыарқ арқа ирты
    алатау алтай altai тянь-шань каспи
    """
)
# Adjectival regions: "Восточно-Казахстанская область", "Шығыс Қазақстан облысы".
REGION_WORDS = _words("область облыс region oblast район ауданы аудан district край провинци province штат")
CITY_WORDS = _words("город қала city village село ауыл town")
# "Polish company", "German university": a nationality and a head word name no organisation
NATIONALITIES = _words(
    """
    kazakh kazakhstani russian german chinese korean turkish finnish polish dutch british english
    american french italian japanese indian uzbek kyrgyz tajik turkmen azerbaijani belarusian
    ukrainian austrian swiss swedish norwegian danish czech hungarian spanish canadian foreign
    european asian international regional local national
    """
)
STREET_WORDS = _words("street avenue ave boulevard prospekt prospect square lane road highway")

# --- people ------------------------------------------------------------------
FIRST_NAMES = _words(
    """
    александр алексей анатоли андрей антон аркади арсени артем артём борис вадим валентин валери
    василий васили виктор виталий владимир владислав вячеслав геннади георги глеб григори даниил
    денис дмитри евгени егор иван игорь игор илья ильи кирилл константин лев леонид максим михаил
    никита николай никола олег павел павл петр пётр роман руслан сергей серге станислав степан
    тимур федор фёдор юри ярослав эдуард эльдар рустам ренат марат вячеслав семен семён
    анн анастаси алл алин алён алён валентин ван галин дарь евгени екатерин елен елизавет ирин
    кристин ксени ларис любов людмил маргарит марин мари надежд натали нин оксан ольг полин
    светлан софь софи тамар татьян юли яна

    нурсултан нұрсұлтан касым-жомарт қасым-жомарт ерлан ержан еркин еркін ерболат ербол асхат
    аскар асқар бауыржан бахытжан болат дархан даурен дәурен динмухамед жанболат жандос жансеит
    кайрат қайрат канат қанат куаныш қуаныш мурат марат нурлан нұрлан нурбол серик серік серикбол
    талгат талғат тимур ермек ерік айдос азамат алмас алибек алихан арман аслан бекзат бекболат
    габит ғабит галым ғалым дамир данияр ерасыл ерзат жанибек жомарт кайрат максат мақсат мади
    мейрам мухтар мұхтар нуржан нұржан олжас самат саят сагинтай сәкен темирлан ұлан улан шокан
    шоқан кенес кеңес крымбек қырымбек ералы ералы алишер ерлан абылай мирас бахыт бақыт
    асель әсел айгерим айжан айнур айгуль айгүл алия әлия аружан балжан гульнар гүлнар гульмира
    гүлмира дана дина динара жанар жанна жулдыз жұлдыз камила мадина меруерт назерке динара
    салтанат сауле сәуле томирис улжан ұлжан гаухар гауһар карлыгаш қарлығаш акмарал ақмарал
    раушан роза алма асем әсем диана зарина сабина

    john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george edward peter
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa emma
    olivia anna maria elena
    nursultan kassym-jomart kassym-zhomart yerlan yerzhan askar bauyrzhan bolat daniyar dauren
    kairat kanat kuanysh murat marat nurlan serik talgat timur yermek aidos azamat almas arman
    yeraly yerali alisher zhanseit krymbek aigerim aizhan aliya dana dina zhanar madina saule
    gaukhar yerbol zhanibek olzhas mukhtar nurzhan
    alexander alexey alexei sergey sergei andrey andrei dmitry dmitriy vladimir maxim mikhail
    nikolai nikolay ivan pavel igor oleg viktor victor yuri yury roman denis artem vadim evgeny
    yevgeny konstantin anton vitaly valery gennady boris olga yelena natalia natalya irina tatiana
    tatyana svetlana yekaterina ekaterina anastasia lyudmila galina larisa marina oksana yulia
    gulnara gulmira gulnar gulzhan ainur aigul asel assel ainagul akmaral botagoz dariga dinara
    elmira kamila karlygash lyazzat laura meruert nazerke raushan saltanat sholpan togzhan
    zhuldyz zarina zhanna zhansaya ulzhan anel aruzhan akerke balzhan bibigul indira moldir
    nurgul symbat aisulu aida dilnaz kunsulu makpal zhazira gulshat ardak
    abay abai abylai adilet aibek aidar akhmet alibek alikhan almaz amir arnur arsen askhat
    assylbek ayan baurzhan bakhyt bakytzhan beibit bekzat berik daulet dias dulat galym gani
    ilyas kazbek khamit madi maksat marlen medet miras nurbol ruslan rustem sabit
    sagyndyk samat sanzhar saken serikbol syrym temirlan ulan yerbolat yerkin yessen zhandos
    zhanbolat zhomart dosym baglan sultan zhassulan nurlybek darkhan yerulan yeldos ersain
    rakhat rauan anuar adil aslan akylbek mirzhan kassym asylbek yerkebulan yersultan
    айнұр гүлнара ләззат шолпан тоғжан ботагөз дариға эльмира жансая мөлдір нұргүл сымбат
    әділет айбек айдар ахмет алмаз амир арнұр арсен асылбек аян бейбіт берік дәулет диас
    ілияс қазбек медет рүстем сабит санжар сырым есен досым бағлан сұлтан жасұлан
    нұрлыбек ерұлан елдос рақат ануар әділ ақылбек миржан айсұлу мақпал жазира гүлшат ардақ
    """
)
# Surname endings (after lower-casing); followed by an optional inflection.
SURNAME_SUFFIXES = (
    "ов", "ев", "ёв", "ин", "ова", "ева", "ина", "ский", "ская", "цкий", "цкая",
    "енко", "ук", "юк", "вич", "ич", "ян", "дзе", "швили", "ұлы", "улы", "қызы", "кызы",
    "баев", "баева", "бекова", "ұлы", "ұлының",
    "ov", "ev", "ova", "eva", "in", "ina", "sky", "ski", "skiy", "enko", "uly", "kyzy", "yev",
    "bayev", "baev", "bekov", "bekova", "vich",
)

# --- positions -------------------------------------------------------------
# Core title words; modifiers ("deputy", "vice") are folded in by the phrase grabber.
POSITION_HEADS = _words(
    """
    president prime minister premier akim rector vice-rector prorector chairman chairwoman chair
    director ceo cto cfo head dean professor secretary ambassador governor mayor senator deputy
    manager founder co-founder chief adviser advisor spokesman spokeswoman spokesperson
    representative chancellor provost coordinator leader commander minister vice-minister
    vice-president executive officer lecturer researcher foreman electrician technologist
    accountant engineer principal candidate

    президент премьер-министр премьер вице-премьер министр вице-министр аким ректор проректор
    председател директор гендиректор глав руководител декан профессор секретар госсекретар посол
    губернатор мэр сенатор депутат начальник управляющ основател советник спикер представител
    заведующ доцент академик пресс-секретар канцлер лидер генсек командующ замминистр заместител
    вице-президент инженер инженер-эколог технолог специалист аналитик бухгалтер преподавател
    докторант магистрант студент мастер

    президенті премьер-министрі министрі вице-министрі әкімі әкім ректоры проректоры төрағасы
    төраға директоры басшысы басшы деканы профессоры хатшысы хатшы елшісі депутаты сенаторы
    орынбасары меңгерушісі елбасы елбасының президентінің басшысының кеңесшісі өкілі доценті академигі бастығы жетекшісі
    инженері инженер маманы маман оқытушысы оқытушы докторанты докторант магистранты магистрант студенті
    """
)
POSITION_MODIFIERS = _words(
    """
    deputy vice first executive general state acting senior chief managing honorary associate
    assistant leading principal doctoral master's shift
    заместитель первый первого исполняющий временно генеральный государственный старший
    главный вице бас бірінші атқарушы мемлекеттік уақытша тұңғыш мемлекет
    """
)

# --- events -----------------------------------------------------------------
EVENT_HEADS = _words(
    """
    week forum conference expo exhibition festival olympiad olympiad congress summit meetup meet-up
    fair days championship hackathon contest competition seminar symposium ceremony workshop
    roundtable round-table school-seminar readings cup marathon
    неделя неделю недели форум конференци выставк фестивал олимпиад конгресс саммит митап ярмарк
    чемпионат хакатон конкурс семинар симпозиум церемони чтени марафон
    апталығы апталық форумы форум конференциясы конференция көрмесі көрме фестивалі фестиваль
    олимпиадасы конгресі саммиті митап митапы жәрмеңкесі чемпионаты хакатоны байқауы семинары
    симпозиумы оқулары марафоны
    """
)

# --- function words for language detection --------------------------------
FUNCTION_WORDS = {
    "en": _words("the of and to in is was for on with by that at as from this were are an"),
    "ru": _words("и в на не что с по для как из это был была было от к о при также его а"),
    "kk": _words("және мен бен пен да де бұл үшін деп болды бойынша арқылы оның олар бар жылы ал "
                 "қатысты туралы сондай-ақ тиіс"),
}

# --- months (for dates) -----------------------------------------------------
MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # Russian (genitive and nominative stems)
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    # Kazakh
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
    "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}

# Capitalised words that are never names on their own (sentence furniture).
CAP_STOPWORDS = _words(
    """
    the a an this that these those he she it they we i in on at of for and but or if when while
    during after before also however today yesterday tomorrow according thus then there here
    as by with from to all our his her its their also especially in within under through among
    since due despite following about particular traditionally earlier later now meanwhile
    speaking opening stressing
    в на и но а по с о об от для при после до также однако сегодня вчера это этот эта эти
    он она они мы я кроме как так где когда что если его её их все же уже еще ещё ранее
    бұл ол олар біз мен сен осы сол және бірақ бүгін кеше сондай-ақ алайда кейін дейін
    бойынша сонымен айтуынша оның олардың біздің менің
    """
)

# Capitalised short forms that name a degree, a field or a thing, not an organisation.
NOT_ORG_ABBREVIATIONS = _words(
    """
    phd dsc msc bsc mba dba md ceo cto cfo coo hr pr it ict ai ar vr iot stem steam gpa gdp
    covid gps sdg sdgs esg sme smes ngo ngos r&d qr id pc tv cv pdf usb api ml dna rna pcr
    co2 3d 5g erp crm kpi ipo vip faq am pm mou usd eur rub kzt cny gbp
    кпи ндс ввп ии ит вуз вузы жоо пцр днк рнк бақ жіө ққс ұбт қр рф ақш қхр тмд кхр сми ет ақ
    ат жк шқо ққ ұқ ковид смс экспо житс іт айелтс нло сат аи ппс нии нир ниокр вко зко ско юко
    моос mooc moocs
    """
)

# Well-known organisations of Kazakhstan whose names have no head word or legal form, so the
# rules cannot tell them from other capitalised words (facts: names as used in kk/ru/en).
KNOWN_ORGS = tuple(
    n.strip() for n in """
    Kazatomprom|Казатомпром|Қазатомөнеркәсіп|Samruk-Kazyna|Самрук-Казына|Самұрық-Қазына|
    KazMunayGas|КазМунайГаз|ҚазМұнайГаз|QazaqGaz|КазахГаз|KEGOC|КЕГОК|Kazakhtelecom|Казахтелеком|
    Қазақтелеком|Air Astana|Эйр Астана|Halyk Bank|Народный банк|Халық банкі|Kaspi.kz|Baiterek|
    Байтерек|Бәйтерек|Kazpost|Казпочта|Қазпошта|Kazakhstan Temir Zholy|Қазақстан темір жолы|
    Казахстан темир жолы|Kazzinc|Казцинк|Tengizchevroil|Тенгизшевройл|Теңізшевройл|KazAgro|КазАгро|
    Damu Fund|Фонд Даму|Даму қоры|Astana Hub|Астана Хаб|QazInnovations|Zerde|Зерде|
    Atameken|Атамекен|Samruk-Energy|Самрук-Энерго|Самұрық-Энерго|Kazakh Invest|Казах Инвест|
    KazAID|Kazhydromet|Казгидромет|Қазгидромет|Kazakhmys|Казахмыс|Қазақмыс|ERG|Eurasian Resources Group|
    ArcelorMittal|АрселорМиттал|Qarmet|Кармет|Glencore|Chevron|Шеврон|Shell|Huawei|Хуавэй|Samsung|
    Siemens|Сименс|Microsoft|Майкрософт|Google|Гугл|UNESCO|ЮНЕСКО|UNICEF|ЮНИСЕФ|UNDP|ПРООН|
    USAID|World Bank|Всемирный банк|Дүниежүзілік банк|Asian Development Bank|
    Азиатский банк развития|Азия даму банкі|OSCE|ОБСЕ|ЕҚЫҰ|Kazakhfilm|Казахфильм|Қазақфильм|
    Khabar|Хабар|Nur Otan|Нур Отан|Нұр Отан|Amanat|Аманат|Atameken Business|NADLOC|
    Allur|Аллюр|Kcell|Beeline|Билайн|Tele2|Kazchrome|Казхром|Қазхром|Kazakhaltyn|Казахалтын|
    Polymetal|Полиметалл|KAZ Minerals|Elsevier|Эльзевир|Clarivate|Clarivate Analytics|Springer|
    Springer Nature|Coursera|Cisco|Fujitsu|Hewlett-Packard|Alcatel|Alcatel-Lucent|Kaspersky Lab|
    Лаборатория Касперского|Intel|IBM|Oracle|Schlumberger|Halliburton|Baker Hughes|ExxonMobil|
    TotalEnergies|Lukoil|Лукойл|Gazprom|Газпром|Rosatom|Росатом|CNPC|Sinopec|PetroChina|KPMG|
    Deloitte|PwC|Ernst & Young|McKinsey|Honeywell|Schneider Electric|Bosch|Caterpillar|Komatsu|
    Hyundai|Toyota|Yandex|Яндекс|Lenovo|Autodesk|DAAD|British Council|JICA|KOICA|TIKA|GIZ|EBRD|
    ЕБРР|IAEA|МАГАТЭ|TURKSOY|ТЮРКСОЙ|ТҮРКСОЙ|TURKPA|ТюркПА
    """.replace("\n", "").split("|") if n.strip()
)

# The commonest Chinese surnames in pinyin (fact: national name statistics). Partner
# universities in China send delegations often; "Liu Xiaoliang" follows a head word directly.
CHINESE_SURNAMES = frozenset(
    """
    Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang Song
    Zheng Xie Han Tang Feng Yu Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng Peng Lu Su Jiang Cai Jia
    Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan Liao Zou Xiong Jin Hao
    Kong Bai Cui Kang Mao Qiu Qin Gu Hou Shao Meng Long Wan Duan Lei Qian Yin Yi Chang Qiao Lai Gong
    Wen Bian Shan Niu Gan Ou Yue Ji Xing An Ning Mu Zhai Ge Lan Hong Bao
    """.split()
)
