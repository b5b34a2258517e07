"""Real-news shapes (PolNeAR train, issue 26), tenth set: pronoun speakers, each on an INVENTED text
of the same form; the expected sources are read off the text by hand."""
from __future__ import annotations

from conftest import sources_of


def test_it_is_the_organisation_that_opened_the_sentence_before():
    # "The Example Institute opposed ...": the body that opens the narration sentence as its subject
    # is what the next "it" means, rather than the body that spoke before it
    sources = sources_of(
        "The pier is safe, the Acme Port Authority said on Monday.",
        "Still, the Example Institute opposed the plan in a report on Tuesday.",
        '"Close the pier until it is repaired," it recommended.')
    assert sources[2] == "Example Institute"
    sources = sources_of(
        '"The report is wrong," Mark Doe said on Monday.',
        "The Example Institute released a report on Tuesday about the harbour.",
        'It said the pier "is unsafe" and should close.')
    assert sources[2] == "Example Institute"
    # a body that opened a sentence long before is not it: the body that spoke since is
    sources = sources_of(
        "The Example Institute released a report on Tuesday about the harbour.",
        "The harbour has been busy for years.",
        "Ships come and go all day.",
        "Many sailors live nearby.",
        "The pier is safe, the Acme Port Authority said on Monday.",
        "It added that repairs will start in May.")
    assert sources[5] == "Acme Port Authority"


def test_a_name_after_but_or_a_fronted_clause_opens_the_sentence_as_its_subject():
    # "But Kim Roe disagreed": the capitalised "But" opens the run of capitalised words, yet Roe is
    # the subject that "she" goes on with, not the one who spoke before her
    sources = sources_of(
        '"We will win the vote," Pat Doe said on Monday.',
        "But Kim Roe disagreed with the plan on Tuesday.",
        '"It is a mistake," she said.')
    assert sources[2] == "Kim Roe"
    # the subject of a clause put first is who the sentence is about when no person opens the main
    # clause ("When Roe held rallies ..., protesters met her")
    sources = sources_of(
        '"We will win the vote," Pat Doe said on Monday.',
        "When Kim Roe held rallies across the state, protesters met her at every stop.",
        '"Go home," she wrote on Tuesday.')
    assert sources[2] == "Kim Roe"
    # but a person opening the main clause comes first, even after a long clause put first
    sources = sources_of(
        '"We will win the vote," Lee Poe said on Monday.',
        "When Pat Doe tried to defend remarks about the harbour at a long meeting of the city"
        " council in May, Kim Roe forcefully differed.",
        '"It is wrong," she said.')
    assert sources[2] == "Kim Roe"
    # and a person named in a phrase put first is not the subject ("With Roe, Doe made the choice")
    sources = sources_of(
        '"We will win the vote," Lee Poe said on Monday.',
        "With Kim Roe, Pat Doe made the safe choice for the post.",
        '"It was easy," she said.')
    assert sources[2] == "Pat Doe"


def test_a_narration_sentence_opening_with_he_tells_that_persons_sex():
    # "He was joined on the call by Ilvane Korsby": "he" is Pat Murphy (his first name gives no sex),
    # so the "she" after is not him but the woman who joined him
    sources = sources_of(
        '"We will fight this," Pat Murphy said on a call with reporters.',
        "He was joined on the call by Ilvane Korsby, president of a tenants' rights group.",
        'She said Roe "has failed to do anything."')
    assert sources[2] == "Ilvane Korsby"


def test_the_main_clause_after_a_long_clause_put_first_opens_with_its_subject():
    # "As the council ate lunch in a small, stuffy room ..., Kim Roe walked them through the plan":
    # the main clause opens after a comma far into the sentence, and its subject is "she"
    sources = sources_of(
        '"We will win the vote," Lee Poe said on Monday.',
        "As the council members ate lunch in a small, stuffy room overlooking the harbour at noon,"
        " Kim Roe walked them through the plan.",
        '"The pier is unsafe," she said.')
    assert sources[2] == "Kim Roe"
    # a name set off by commas inside a verb phrase opens no clause ("painting her rival, Pat Doe,
    # as ..."): the nominee is still the woman who spoke
    sources = sources_of(
        "Harbour Plan Skewered By Critics.",
        "On Thursday evening Kim Roe delivered her speech as the new nominee, seeking to prove her"
        " credentials while painting her chief rival, Pat Doe, as a man too rash for the job.",
        '"A man who loses his temper over a post is not a man we can trust," said the nominee.')
    assert sources[2] == "Kim Roe"


def test_it_after_a_speaker_wrote_in_a_document_is_that_documents_author():
    # "Doe wrote in the affidavit. It continued: ...": "it" is the affidavit, so its author speaks,
    # not the police department that spoke before
    sources = sources_of(
        "The arrest was made on Friday, the Lakeside Police Department said.",
        "The officer, Mark Doe, interviewed two witnesses.",
        '"Roe grabbed the arm of the man," Doe wrote in the affidavit.',
        'It continued: "Probable cause exists to charge Jane Roe with battery."')
    assert sources[-1] == "Mark Doe"


def test_a_people_named_in_latinos_or_hispanics_is_never_he():
    # "many more Latinos said": a people speaking as one, like "Russians", not a man of unknown sex
    # whom the next "he" could mean
    sources = sources_of(
        "Take a look at what Tom Roe, Ann Doe and many more Latinos said that got us thinking.",
        "In a talk with a radio host about his new comedy show, the actor discussed history.",
        '"Just imagine you are a kid and nobody teaches you about your people," he said.')
    assert sources[2] == "Tom Roe"


def test_a_name_after_a_house_and_party_label_opens_the_sentence_as_its_subject():
    # "House Intelligence Republican Mark Poe (R-Kans.), who ..., agreed": the label of a house,
    # a committee and a party before the name is no part of it; Poe is the subject "he" goes on with
    sources = sources_of(
        '"The emails were harmless," Jake Doe said on Monday.',
        "House Intelligence Republican Mark Poe (R-Kans.), who has seen the messages, agreed with"
        " that point.",
        '"Some of the information is a risk," he said.')
    assert sources[2] == "Mark Poe"
    sources = sources_of(
        '"The emails were harmless," Jake Doe said on Monday.',
        "Harbour Committee Democrat Mark Poe agreed with that point.",
        '"Some of the information is a risk," he said.')
    assert sources[2] == "Mark Poe"


def test_a_name_opening_with_initials_is_a_person():
    # "said J.M. Poe, a fellow at ...": initials before a surname are no acronym ("UN Watch"), so
    # Poe is a man the next "he" can mean
    sources = sources_of(
        '"We removed the accounts," Mark Doe said on Friday.',
        '"The network has ramped up its response," said J.M. Poe, a fellow at the Acme Institute.',
        "He added that other sites have also been aggressive.")
    assert sources[1:] == ["J.M. Poe", "J.M. Poe"]


def test_white_ending_a_name_is_a_surname():
    # "a spokeswoman, Jane Poe White, said": "White" opens a body's name ("White House"), but ends a
    # person's; she is the woman the next "she said" means
    sources = sources_of(
        "Acme activated its Lifeline tool on Friday for the first time in Europe.",
        "Acme created the tool in 2014, a spokeswoman, Jane Poe White, said on Saturday, and it has"
        " used it five times.",
        "But this was the first time it was used for an attack, she said.")
    assert sources[1:] == ["Jane Poe White", "Jane Poe White"]


def test_a_name_after_theres_opens_the_sentence():
    # "Then there's Poe.": "There's", capitalised only because it opens the sentence, is no part of
    # a name; Poe is who the sentence is about, and the next "he wrote" is his
    sources = sources_of(
        "The plan has critics, among them Mark Poe, a former adviser to the mayor.",
        '"The emails were harmless," Jake Doe said on Monday.',
        "Then there's Poe.",
        '"It is bewildering," he wrote on Twitter.')
    assert sources[3] == "Mark Poe"


def test_he_after_but_and_a_time_phrase_is_the_sentence_subject():
    # "Roe defended his vote, but late Saturday he announced ...": the time phrase between "but"
    # and "he" leaves "he" the subject of a clause joined to Roe's, not the man who spoke before
    sources = sources_of(
        '"We will win the vote," Mark Hale said on Monday.',
        "Carl Roe defended his vote on the toll, but late Saturday he said he backed a repeal.")
    assert sources[1] == "Carl Roe"
