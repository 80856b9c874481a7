"""Django's own interface strings that kopir users actually see.

Django ships a Kazakh catalogue that covers only part of its strings (and has
mistakes, such as "Өзгетру"), so a visitor reading the site in Kazakh would
meet English or broken validation messages, form labels and month names.
Our catalogue in ``kopir/locale`` comes first in ``LOCALE_PATHS`` and so
overrides Django's: every msgid listed here is translated there, in Kazakh
and Russian, and that translation wins over Django's.

Nothing imports this module at run time. It exists only so that
``makemessages`` finds these msgids in our source tree and keeps them in our
catalogues; ``makemessages --no-obsolete`` would otherwise drop them. The
msgids must match Django's source exactly (including curly quotes and plural
forms), or the override silently does nothing.
"""

# Django has no ``ngettext_noop`` or ``pgettext_noop``, and ``makemessages``
# extracts only the function names it knows; for plural and context entries
# the lazy variants are the ones it recognises. Being lazy, they translate
# nothing when this module is imported.
from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

DJANGO_STRINGS = (
    # django/forms, django/core/validators.py, django/db/models
    _("This field is required."),
    _("Enter a valid value."),
    _("Enter a valid email address."),
    _("Enter a valid URL."),
    _("Enter a whole number."),
    _("Enter a number."),
    _("Enter a valid date."),
    _("Enter a valid time."),
    _("Enter a valid date/time."),
    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    _("Select a valid choice. That choice is not one of the available choices."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("%(model_name)s with this %(field_label)s already exists."),
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ),
    # django/contrib/auth
    _("username"),
    _("first name"),
    _("last name"),
    _("email address"),
    _("Email"),
    _("Password"),
    _("Password confirmation"),
    _("Enter the same password as before, for verification."),
    _("The two password fields didn’t match."),
    _("A user with that username already exists."),
    _("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    _(
        "Enter a valid username. This value may contain only letters, "
        "numbers, and @/./+/-/_ characters."
    ),
    _(
        "Please enter a correct %(username)s and password. Note that both "
        "fields may be case-sensitive."
    ),
    _("This account is inactive."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    _("This password is too common."),
    _("This password is entirely numeric."),
    _("The password is too similar to the %(verbose_name)s."),
    # django/utils/dates.py: month names for the "F" date format
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
    # month names in a date ("E" format, e.g. "5 января" / "5 қаңтар")
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
    # abbreviated month names ("N" format)
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
    # weekday names ("l" format)
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
