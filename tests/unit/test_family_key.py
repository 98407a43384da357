"""A speaker is remembered by the family name, whatever accents or hyphens it is written with."""

from warlog.extract.claims import family_key


def test_accents_and_hyphens_fold_to_one_key() -> None:
    assert family_key("Recep Tayyip Erdoğan") == family_key("Erdogan") == "erdogan"
    assert family_key("Ali al-Dabbagh") == family_key("Dabbagh") == "dabbagh"


def test_a_name_in_another_script_keeps_its_letters() -> None:
    assert family_key("محمد علي") == "علي"
    assert family_key("محمد علي") != family_key("أحمد حسن")
    assert family_key("") == ""
