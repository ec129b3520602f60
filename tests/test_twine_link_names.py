"""Twine import: how each story format reads the passage a link names. SugarCube divides a
[[link]] at its first |, -> or <- outside "double quotes" and reads a quoted name as the
text it holds; Harlowe divides at the rightmost -> (its documentation's rule); an underscore
inside a name is no variable; a story of no known format reads a quoted name so only when
that names a passage; and a passage shown by <<include>> that cannot be copied in is
reported with the reason."""
from game.twine.convert import convert
from game.twine.read import parse_twee

from test_twine_lang import convert_twee, play, records


def choices(conversion, scene=0):
    return [(c["text"], c["next"]) for c in conversion.chapter["scenes"][scene]["choices"]]


def test_sugarcube_divides_a_link_at_its_first_delimiter():
    conversion = convert_twee(":: Start\n[[Left|Hall->West]]\n[[Up->Roof->Top]]\n"
                              ":: Hall->West\nWest.\n:: Roof->Top\nTop.\n")
    assert choices(conversion) == [("Left", "hall-west"), ("Up", "roof-top")]


def test_harlowe_divides_a_link_at_its_rightmost_arrow():
    conversion = convert_twee(":: Start\n[[Up->Roof->Top]]\n:: Top\nTop.\n:: Roof->Top\nNo.\n",
                              "Harlowe")
    assert choices(conversion) == [("Up->Roof", "top")]


def test_a_sugarcube_link_whose_name_is_quoted_goes_to_the_passage_it_names(tmp_path):
    conversion = convert_twee(
        ':: Start\n[["New posts | Forum"]]\n[["Say hi"|Hall]]\n[img["door.png"]["Hall"]]\n'
        ":: New posts | Forum\nPosts.\n[[Hall]]\n:: Hall\nIn.\n")
    assert choices(conversion) == [("New posts | Forum", "new-posts-forum"),
                                   ("Say hi", "hall"), ("Hall", "hall")]
    assert play(tmp_path, conversion, 0)[0] == ["Posts."]


def test_a_passage_name_with_an_underscore_is_a_name_not_a_variable():
    conversion = convert_twee(":: Start\n[[Next...->Sad_Z]]\n[[On|Sad_Y]]\n:: Sad_Y\nOn.\n",
                              "Snowman")
    assert not any("named by a variable" in w for w in records(conversion, "not converted"))
    assert choices(conversion)[1] == ("On", "sad_y")
    assert any('goes to "Sad_Z", which is not a passage in this story' in w
               for w in conversion.warnings)


def test_an_include_that_cannot_be_copied_in_says_why():
    conversion = convert_twee(":: Start\n<<set $where to \"Hall\">>\n<<include $where>>\n"
                              "<<include \"Nowhere\">>\n<<include \"Start\">>\n[[Hall]]\n"
                              ":: Hall\nIn.\n")
    assert [w.split(">> ", 1)[1] for w in records(conversion, "not converted")] == [
        "names the passage it shows with a variable or an expression, so which passage it "
        "shows is known only while the story is played",
        'shows "Nowhere", which is not a passage in this story',
        "shows a passage that could not be copied in (it shows itself, or the copies go more "
        "than 8 deep or number more than 200)"]


def test_a_link_in_a_passage_the_header_shows_runs_with_every_passage_and_fails_loudly():
    conversion = convert_twee(':: Start\nHi.\n[[On]]\n:: On\nBye.\n:: PassageHeader\n'
                              '<div><<include "Bar">></div>\n:: Bar\n[img["bell.png"]["Phone"]]\n'
                              ":: Phone\nRing.\n:: PassageFooter\n<<include $footer>>\n")
    assert [w.split(" runs with")[0] for w in records(conversion, "not converted")] == [
        'the passage "PassageHeader"', 'the passage "PassageFooter"']


def test_a_header_that_only_shows_text_from_another_passage_is_no_change():
    conversion = convert_twee(':: Start\nHi.\n[[On]]\n:: On\nBye.\n:: PassageHeader\n'
                              '<<include "Bar">>\n:: Bar\nChapter one\n')
    assert not records(conversion, "not converted")


def test_a_story_of_no_known_format_reads_a_quoted_name_only_when_that_names_a_passage():
    source = (':: Start\n[["Home | Forum"]]\n[["Yes"->Hall]]\n:: Home | Forum\nPosts.\n'
              "[[Hall]]\n:: Hall\nIn.\n")  # no StoryData: the format is not known
    conversion = convert(parse_twee(source, "story.twee"), "story")
    assert choices(conversion) == [("Home | Forum", "home-forum"), ('"Yes"', "hall")]


def test_a_link_back_from_a_passage_the_header_links_to_can_come_from_any_passage():
    conversion = convert_twee(':: Start\nHi.\n[[On]]\n:: On\nBye.\n:: PassageHeader\n'
                              '<<include "Bar">>\n:: Bar\n[[Phone]]\n'
                              ":: Phone\nRing.\n[[Back|previous()]]\n")
    assert any(w.startswith("[[Back|previous()]] goes back, but") and
               "where it goes depends on the way the reader came" in w
               for w in records(conversion, "not converted"))
    assert not any("the only passage that leads here" in w
                   for w in records(conversion, "converted"))
