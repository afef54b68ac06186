"""Fixtures of the security review: a seed meeting with tracked items, and users of every role."""

import pytest

from minutes.models import Role


@pytest.fixture
def users(recorder, chair, chief_wenshu, chief_zongwu, make_user):
    return {"recorder": recorder, "chair": chair, "wenshu": chief_wenshu, "zongwu": chief_zongwu,
            "member": make_user("member", Role.MEMBER)}
