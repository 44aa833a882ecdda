from mentorship.matching import WEIGHTS, MentorTraits, PracticeProfile, rank, score

CARE = {"care-coordination": "Care coordination"}


def _mentor(key, name="Mentor", **traits):
    return MentorTraits(key=key, name=name, **traits)


def test_an_exact_peer_ranks_first():
    practice = PracticeProfile(
        state="MN", setting="fqhc", community="rural", size="small", needs=frozenset(CARE)
    )
    peer = _mentor(1, "Peer", state="MN", setting="fqhc", community="rural", size="small",
                   expertise=CARE, community_label="Rural")  # fmt: skip
    half = _mentor(2, "Half", setting="fqhc", community="urban", size="small")
    stranger = _mentor(3, "Stranger", state="TX", setting="private", community="urban")
    ranked = rank(practice, [stranger, half, peer])
    assert [m.key for m in ranked] == [1, 2]


def test_reasons_name_what_matched_in_plain_words():
    practice = PracticeProfile(setting="fqhc", community="rural", needs=frozenset(CARE))
    mentor = _mentor(1, setting="fqhc", community="rural", community_label="Rural", expertise=CARE)
    match = score(practice, mentor)
    assert match.reasons == ("same setting", "rural", "expertise in care coordination")
    assert "; ".join(match.reasons) == "same setting; rural; expertise in care coordination"


def test_score_adds_the_documented_weights():
    practice = PracticeProfile(
        state="MN",
        setting="fqhc",
        community="rural",
        size="small",
        populations=frozenset({"cshcn", "tribal"}),
        needs=frozenset({"care-coordination", "transitions"}),
    )
    mentor = _mentor(
        1,
        state="MN",
        setting="fqhc",
        community="rural",
        size="small",
        populations=frozenset({"cshcn"}),
        expertise={"care-coordination": "Care coordination", "funding": "Funding"},
    )
    expected = (
        WEIGHTS["state"] + WEIGHTS["setting"] + WEIGHTS["community"] + WEIGHTS["size"]
        + WEIGHTS["population"] + WEIGHTS["expertise"]
    )  # fmt: skip
    assert score(practice, mentor).score == expected


def test_what_the_practice_needs_outweighs_looking_alike():
    practice = PracticeProfile(setting="fqhc", needs=frozenset(CARE))
    lookalike = _mentor(1, "A", setting="fqhc")
    expert = _mentor(2, "B", setting="private", expertise=CARE)
    assert [m.key for m in rank(practice, [lookalike, expert])] == [2, 1]


def test_ties_are_broken_by_name_then_key_whatever_the_input_order():
    practice = PracticeProfile(community="rural")
    mentors = [
        _mentor(3, "beta", community="rural"),
        _mentor(1, "Alpha", community="rural"),
        _mentor(2, "beta", community="rural"),
    ]
    assert [m.key for m in rank(practice, mentors)] == [1, 2, 3]
    assert [m.key for m in rank(practice, list(reversed(mentors)))] == [1, 2, 3]


def test_an_empty_description_matches_nobody():
    assert rank(PracticeProfile(), [_mentor(1, setting="fqhc")]) == []


def test_no_common_ground_gives_no_matches():
    practice = PracticeProfile(setting="fqhc", community="frontier")
    assert rank(practice, [_mentor(1, setting="private", community="urban")]) == []


def test_no_mentors_gives_no_matches():
    assert rank(PracticeProfile(setting="fqhc"), []) == []


def test_limit_keeps_the_best():
    practice = PracticeProfile(setting="fqhc", community="rural")
    mentors = [_mentor(1, "A", setting="fqhc"), _mentor(2, "B", setting="fqhc", community="rural")]
    assert [m.key for m in rank(practice, mentors, limit=1)] == [2]
