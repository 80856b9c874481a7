"""Who counts as a university liaison officer, and what reading a page of needs costs."""

import pytest

from kopir.accounts.access import forget_roles
from kopir.accounts.models import Role
from kopir.accounts.services import membership_set
from kopir.needs.access import can_broker, is_university_liaison

pytestmark = pytest.mark.django_db


def test_only_liaison_officers_of_universities_count(people, make_need):
    assert is_university_liaison(people.users["shakarim_liaison"])
    for persona in ("shakarim_editor", "enterprise_rep", "vet_head"):
        assert not is_university_liaison(people.users[persona]), persona
    # A liaison officer of an enterprise is not a university's.
    mine_liaison = people.users["mine_rep"]
    membership_set(actor=None, user=mine_liaison, organisation=people.orgs["mine"], role=Role.LIAISON)
    forget_roles(mine_liaison)
    assert not is_university_liaison(mine_liaison)
    assert not can_broker(mine_liaison, make_need())


def test_no_query_for_someone_who_is_nobody_s_liaison(people, django_assert_num_queries):
    editor = people.users["shakarim_editor"]
    forget_roles(editor)
    with django_assert_num_queries(1):  # the roles, once
        assert not is_university_liaison(editor)
        assert not is_university_liaison(editor)


def test_the_offer_page_does_not_query_per_need(indexed, make_need, client, django_assert_max_num_queries):
    make_need(visibility="confidential")
    client.force_login(indexed.users["mine_rep"])
    url = "/en/needs/offers/ip-clinic/"
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for n in range(4):
        make_need(title_ru=f"Курсы для ветеринарных врачей, программа {n}", visibility="confidential")
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
