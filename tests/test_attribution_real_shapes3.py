"""Speaker shapes from real news (PolNeAR train, issue 26), each on an INVENTED sentence of
the same form; the expected speaker is read off the sentence by hand."""
from __future__ import annotations

import pytest

from analysis.text.attribution import QUOTE_PLACEHOLDER as Q, find_attribution
from conftest import speaker


# -- a word opening the sentence is no speaker -------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # an -ly adverb or a connective alone before a comma
    ("Similarly, Jane Roe, a former harbour master, said she would not back the plan.", "Jane Roe"),
    ("Likewise, John Doe warned that the pier was unsafe.", "John Doe"),
    # a time phrase, a place adverb, a clause opener before the main clause and its participle
    ("Days later, Roe toured the pier, telling reporters the cranes were failing.", "Roe"),
    ("Here in Riverton, Roe visited the docks, saying " + Q + ".", "Roe"),
    ("Once she was elected, Roe made the pier a priority, announcing a review.", "Roe"),
    ("Late in the evening, Roe left the hall, calling the vote " + Q + ".", "Roe"),
    # a participle phrase before the subject of a coordinated verb
    ("Walking along the quay, Roe pointed at the cranes and said they were rusting.", "Roe"),
    # an adjective opening a group noun is no name: the inverted tag speaks
    ("Local fishermen were angry about the closure, the Riverton Courier reported.", "Riverton Courier"),
])
def test_an_opening_word_is_no_speaker(sentence, expected):
    assert speaker(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a one-word surname opening the sentence stays the speaker
    ("Kelly, a former harbour master, said the pier was unsafe.", "Kelly"),
    ("Roe later said the pier was unsafe.", "Roe"),
    ("He asked the board to wait and said the pier could not reopen.", "he"),
    ("One employee declined to comment, saying it would cost him his job.", "unnamed"),
])
def test_an_opening_name_or_pronoun_is_still_the_speaker(sentence, expected):
    assert speaker(sentence) == expected


def test_having_opens_a_participle_clause_not_a_name():
    # "Having" is the auxiliary of the participle clause; the verb of the main clause is no speech
    assert speaker("Having announced that the inquiry was over, Judge Jane Roe adjourned the hearing.") is None


# -- the person, not the body or place named with them ----------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # a spokesperson named in apposition, or after "the" and a title
    ("A Veltra spokesman, John Doe, said on Friday that the plant would close.", "John Doe"),
    ("Harbour spokeswoman the Rev. Jane Roe told reporters the pier was unsafe.", "Jane Roe"),
    # "The <role> of the <body>, <Name>,": the name in apposition
    ("The head of the Riverton Dock Union, Jane Roe, warned that the cranes were failing.", "Jane Roe"),
    # a person "of <place>": the place is no part of the name
    ("Jane Roe of Ohio explained the reason for her vote.", "Jane Roe"),
    (Q + ", said Representative John Q. King of Maine, who backed the bill.", "John Q. King"),
    # a person "of the <body>": the person speaks
    (Q + ", said Mr. John Doe of the Riverton Policy Center.", "Mr. John Doe"),
    ("Jane Roe of the Veltra Institute argued that the tax would fail.", "Jane Roe"),
])
def test_the_person_named_speaks(sentence, expected):
    assert speaker(sentence) == expected


def test_a_body_of_a_place_stays_an_organisation():
    # no person's name before "of": the body speaks
    assert find_attribution("The Riverton Chamber of Commerce said the pier would close.").hint == "organisation"
    assert speaker("The Bank of Riverton said the loan was repaid.") == "Bank of Riverton"
    # a spokesperson with a title after it keeps that title's holder, not the apposition
    assert speaker("Representative John Doe, Republican of Maine, said he would vote no.") == "John Doe"


def test_a_generational_suffix_is_no_acronym():
    found = find_attribution("John R. Doe II said the pier was unsafe.")
    assert (found.speaker, found.hint) == ("John R. Doe II", "person")


# -- subjects the rules could not read ---------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # a lower-case plural for people by what they do, alone or after a modifier
    ("If the rain keeps up, forecasters say the harbour will flood by June.", "forecasters"),
    ("But salvage specialists say the wreck cannot be raised.", "salvage specialists"),
    ("The biggest worries on the island, respondents said, are ferries and rents.", "respondents"),
    # "That" as a determiner before a noun
    ("That official said the cranes had failed twice.", "that official"),
    # a capitalised plural before "to" and a name: the person they work for (as for a spokesperson)
    ("Advisers to Jane Roe say she will not run again.", "Jane Roe"),
    # "As reported by X," is "according to X"
    ("As reported by the Riverton Courier, the pier was closed in May.", "Riverton Courier"),
    ("As first reported by Jane Roe, the pier was closed in May.", "Jane Roe"),
])
def test_more_subject_shapes_read(sentence, expected):
    assert speaker(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Again, those surveyed said the ferry was too dear.",
    "By a wide margin, voters polled say the pier should reopen.",
])
def test_the_people_a_poll_asked_are_unnamed(sentence):
    assert find_attribution(sentence).kind == "unnamed"


@pytest.mark.parametrize("sentence", [
    # a lone lower-case plural in -ents/-ers that names things, not people
    "If the sale goes ahead, documents say, the pier will close.",
    "In the end, numbers say little about the pier.",
])
def test_a_plural_for_things_is_no_speaker(sentence):
    assert find_attribution(sentence) is None


# -- tags the rules missed ---------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # a speech verb opening the sentence before the speaker and a comma or colon
    ("Said Jane Roe, " + Q + ".", "Jane Roe"),
    ("Continued Roe: " + Q, "Roe"),
    # a short surname in -ing is no participle
    ("Ming says the pier " + Q + ".", "Ming"),
    # "at the time" between subject and verb
    ("Roe at the time said the cranes were safe.", "Roe"),
    # "put it" as a tag
    ("Or, as John Doe, a former harbour master, put it: " + Q, "John Doe"),
    ("As Jane Roe put it in her letter, " + Q + ".", "Jane Roe"),
    ("Roe put it bluntly: " + Q, "Roe"),
    (Q + ", as Roe put it.", "Roe"),
    # two more verbs of saying
    (Q + ", opined the Riverton Courier.", "Riverton Courier"),
    (Q + ", Roe surmised.", "Roe"),
])
def test_more_tags_read(sentence, expected):
    assert speaker(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Roe put it on the table.",
    "As the rain fell, Roe put it in the shed.",
    # a participle opening the sentence is no inverted tag
    "Asked about the pier on Monday, the crowd cheered.",
])
def test_no_tag_there(sentence):
    assert find_attribution(sentence) is None


# -- descriptions ----------------------------------------------------------------------

def test_a_bare_spokesperson_is_a_description_or_unnamed():
    found = find_attribution(Q + " the spokesman said.")
    assert (found.speaker, found.kind) == ("the spokesman", "description")
    assert find_attribution(Q + ", a spokeswoman said on Monday.").kind == "unnamed"


@pytest.mark.parametrize("sentence, expected", [
    ("According to recent polling, the mayor leads by six points.", "recent polling"),
    ("The pier lost money, according to unpublished harbour minutes.", "unpublished harbour minutes"),
    # a body's data still speak for the body
    ("Rents rose by a third, according to council figures.", "the council"),
])
def test_according_to_a_description_keeps_its_words(sentence, expected):
    assert speaker(sentence) == expected


# -- indefinite pronouns and more titles ----------------------------------------------

@pytest.mark.parametrize("sentence", ["Nobody has said the pier is safe.", "No one said a word about the pier."])
def test_nobody_is_no_speaker(sentence):
    assert find_attribution(sentence) is None


def test_everyone_and_someone_are_unnamed():
    assert find_attribution("Everyone says the pier is safe.").kind == "unnamed"
    assert find_attribution("Someone told Roe the pier was unsafe.").kind == "unnamed"


@pytest.mark.parametrize("sentence", [
    "Editor Jane Roe wrote that the pier was unsafe.",
    "Riverton Courier Editor Jane Roe said the pier was unsafe.",
    "Veteran Columnist Jane Roe argued that the pier was unsafe.",
])
def test_newsroom_titles_are_not_part_of_the_name(sentence):
    found = find_attribution(sentence)
    assert (found.speaker, found.hint) == ("Jane Roe", "person")


# -- the participle after a main clause -----------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # more participles of saying
    ("Roe posted a photo of the pier on Sunday, writing " + Q + ".", "Roe"),
    ("Roe answered the mayor online, tweeting that the pier was unsafe.", "Roe"),
    # a modal or "did" after the subject of the main clause
    ("Roe did not give further details, saying only that the pier was unsafe.", "Roe"),
    ("Roe could delay the vote, perhaps by arguing that the pier is unsafe.", "Roe"),
    # an irregular past tense after a determiner and a noun
    ("The mayor left no doubt about the pier, saying it would close.", "the mayor"),
    # role words between an adjective and the name
    ("Independent mayoral candidate Jane Roe visited the pier, saying it would close.", "Jane Roe"),
    ("Green front-runner John Doe toured the docks, writing that the cranes were failing.", "John Doe"),
])
def test_the_main_subject_of_a_participle(sentence, expected):
    assert speaker(sentence) == expected


def test_a_plural_subject_and_its_verb_are_not_role_words():
    # "see" is the verb of "Voters": the participle speaks for them, not for "Roe"
    assert speaker("Voters see Roe as a fighter, arguing that she saved the pier.") != "Roe"


# -- speech-verb forms that are nouns or adjectives -------------------------------------

@pytest.mark.parametrize("sentence", [
    # a base or -s form right before "is"/"has"/...: the head noun of the subject
    "The latest dispute has dragged on for a month.",
    "The constant stress is hard to bear.",
    "The original tweet was deleted.",
    # an -ed form between a number and a plural noun: an adjective
    "The board published its list of 12 recommended candidates on Monday.",
])
def test_noun_and_adjective_readings_are_no_speech(sentence):
    assert find_attribution(sentence) is None


@pytest.mark.parametrize("sentence, expected", [
    ("Roe says the pier is unsafe.", "Roe"),
    ("The statement by the two suggested both would back the plan.", "the statement by the two"),
    ("Two warned that the pier was unsafe.", "unnamed"),
])
def test_the_verb_readings_stay(sentence, expected):
    assert speaker(sentence) == expected


# -- a tag ending the sentence speaks for it ---------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # an earlier verb belongs to what was said
    ("Roe promised to fix the pier by June, the mayor said.", "the mayor"),
    ("The cranes are rusting and the board promises a review, Doe said on Monday.", "Doe"),
    # an inverted tag after an object that ends in a name
    ("That would leave the council split between Roe and Doe, said Jane Smith, a local historian.", "Jane Smith"),
    # a quotation alone between commas is no apposition of the subject
    ("The fair, held every summer, " + Q + ", said John Doe, the club's chairman.", "John Doe"),
    # no final tag: the first verb keeps the speaker
    ("Roe said the pier was unsafe, adding that it would close.", "Roe"),
    (Q + " Roe said without further comment.", "Roe"),
    ("Jane Roe, a spokeswoman for the board, said the decision was final.", "Jane Roe"),
    ("One of the authors of the report, Jane Roe, said the pier was unsafe.", "Jane Roe"),
])
def test_a_final_tag_gives_the_speaker(sentence, expected):
    assert speaker(sentence) == expected


def test_a_tag_introducing_the_quotation_keeps_the_speaker_over_a_final_tag():
    assert speaker("Jane Roe said: " + Q + " she added.") == "Jane Roe"
    assert speaker("Jane Roe said " + Q + ", she said.") == "Jane Roe"


# -- coordinated verbs and appositions ------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # "asked for" is a request: the later tag speaks
    ("At the end, a fisherman asked for a photo and Roe said, " + Q + ".", "Roe"),
    # the subject read before its verb is not replaced by a longer stretch
    ("Roe toured the docks in Riverton with supporters, calling it " + Q + " and said the pier would reopen.", "Roe"),
    # a number opening the sentence is no subject
    ("Eight years ago, she backed the harbour plan and said " + Q + ".", "she"),
    # a day before a preposition opens an introductory phrase
    ("Friday on Radio Riverton, Mayor Jane Roe, a supporter of the plan, told listeners it would pass.", "Jane Roe"),
    # a vague head with a person named in apposition
    ("One pastor backing the plan, John Doe of Riverton Baptist Church in Marion, said he had called voters.",
     "John Doe"),
])
def test_coordinated_and_apposed_speakers(sentence, expected):
    assert speaker(sentence) == expected


def test_a_vague_head_with_no_name_stays_unnamed():
    assert find_attribution("One pastor backing the plan, a former teacher, said he had called voters.").kind \
        == "unnamed"


# -- anonymity, relative clauses and appositions -----------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # "close" makes a source anonymous only before "to", and never a named one
    ("Jane Roe, a close friend of the mayor who ran her office, said " + Q, "Jane Roe"),
    ("John Doe, a harbour pilot close to the board, said the pier was unsafe.", "John Doe"),
    # a relative clause holding a quotation or a colon is what was said, not the subject
    ("Fishermen who work the quay are " + Q + ", Roe said.", "Roe"),
    ("Even people who backed the plan sounded unsure: Former Mayor Jane Roe called it " + Q + ".", "Jane Roe"),
    # a share with one person named in apposition
    ("And a third, John Doe, said that he would vote no.", "John Doe"),
    # an inverted description followed by the person's name
    (Q + ", said another harbour pilot, Jane Roe.", "Jane Roe"),
    (Q + ", said the board's chairman, John Q. Doe.", "John Q. Doe"),
])
def test_named_speakers_behind_descriptions(sentence, expected):
    assert speaker(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "She, who asked not to be named, said the pier was unsafe.",
    "An official close to the talks said they had failed.",
])
def test_anonymous_sources_stay_unnamed(sentence):
    assert find_attribution(sentence).kind == "unnamed"


# -- "reported by" and days after a document ---------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("The closure of the pier was first reported by the Riverton Courier.", "Riverton Courier"),
    ("The pier's sale was reported by the Riverton Courier on Monday.", "Riverton Courier"),
    # the day the document came out is no source
    ("The pier lost money, according to a harbour board report released Thursday.", "unnamed"),
])
def test_reported_by_and_dated_documents(sentence, expected):
    assert speaker(sentence) == expected


def test_reported_by_inside_an_apposition_leaves_the_author_speaking():
    # ", first reported by X," describes the letter; its writer is the speaker
    assert speaker("Roe wrote in a letter, first reported by the Courier, that the pier was unsafe.") == "Roe"


def test_contracted_pronouns_and_connectives():
    found = find_attribution("I’ve said for years that the pier is unsafe.")
    assert (found.speaker, found.kind) == ("I", "pronoun")
    assert speaker("But he's also said much about the pier.") == "he"
    # "Therefore," opens the sentence; the plural after it is the subject
    assert speaker("Therefore, harbour pilots say the pier is unsafe.") == "harbour pilots"
    assert find_attribution("Anybody who saw it says the pier is unsafe.").kind == "unnamed"


# -- "according to" inside a tag, time phrases, participles in -ed ---------------------

@pytest.mark.parametrize("sentence, expected", [
    # the reporter's tag opens the sentence; "according to" names the reporter's source
    ("The Courier reported, according to people at the meeting, that the pier would close.", "Courier"),
    ("Jane Roe said on Monday that according to her figures, the pier loses money.", "Jane Roe"),
    # a tag whose speaker another outlet reports: the outlet is the source
    (Q + ", Roe said, according to the Courier.", "Courier"),
    # "this past week" between subject and verb
    ("John Doe, the harbour master, this past week announced a review of the pier.", "John Doe"),
    # a participle phrase in -ed opening the sentence
    ("Alarmed by the cracks in the pier, Mayor Jane Roe, a former engineer, said it would close.", "Jane Roe"),
    # an object ending a coordinated clause before an inverted tag
    ("Add a storm to the forecast and fishermen get nervous, said John Doe, the harbour master.", "John Doe"),
])
def test_tags_around_according_to_and_openings(sentence, expected):
    assert speaker(sentence) == expected


def test_a_one_word_name_after_a_heading_and_dash_is_a_layout_speaker():
    found = find_attribution("Harbour fees set to rise - Courier: " + Q)
    assert (found.speaker, found.rule) == ("Courier", "layout")
    # a heading word is no layout speaker, and a bare one-word lead stays unread
    found = find_attribution("Pier shut - Update: " + Q)
    assert found is None or found.rule != "layout"
    assert find_attribution("Roe: " + Q) is None


@pytest.mark.parametrize("sentence", [
    "Only time will tell if the pier survives the winter.",
    "None of the owners would comment for this story.",
    "Nobody in Riverton is talking about the pier.",
])
def test_idioms_and_negative_subjects_are_no_speech(sentence):
    assert find_attribution(sentence) is None


def test_will_tell_with_a_subject_is_still_speech():
    assert speaker("Roe will tell the council that the pier is unsafe.") == "Roe"


@pytest.mark.parametrize("sentence", [
    "— Jane Roe (@janeroe) June 2, 2016</tweet>.",
    "Send tips/quips/quotes to the desk.",
])
def test_a_verb_inside_markup_or_a_slashed_list_is_no_speech(sentence):
    assert find_attribution(sentence) is None


@pytest.mark.parametrize("sentence, expected", [
    # a relative clause on the object of the main clause reports what its antecedent said
    ("The mayor sided with John Doe, who has said the pier is safe.", "John Doe"),
    ("The plan drew a rebuke from the harbour master, who said that the cranes were failing.",
     "the harbour master"),
    ("The ruling followed a request by the Riverton Courier, which argued that the files were public.",
     "Riverton Courier"),
    ("Roe was out-polling Jane Doe, who said she would only debate once.", "Jane Doe"),
])
def test_a_relative_clause_on_an_object_reports_its_antecedent(sentence, expected):
    found = find_attribution(sentence)
    assert (found.speaker, found.rule) == (expected, "relative")


@pytest.mark.parametrize("sentence", [
    # the subject's relative clause: the main clause is the outlet's
    "John Doe, who said the pier was safe, won the vote.",
    # after "of" the clause may belong to the noun before it
    "The council invited Jane Roe, the head of the Acme Institute, who criticizes the plan, to speak.",
    # "which" after a common noun, and "whose"
    "The mayor backed the plan, which said nothing about the pier.",
    "The ruling was a setback for the mayor, whose lawyers argued that the files were secret.",
])
def test_other_relative_clauses_are_no_speech(sentence):
    assert find_attribution(sentence) is None


@pytest.mark.parametrize("sentence, expected", [
    # a "when" clause after the main clause, its subject a name or a personal pronoun
    ("The mayor drew boos from the crowd when she told the council to quiet down.", "she"),
    ("The hall cheered when Jane Roe said the pier would reopen.", "Jane Roe"),
])
def test_a_when_clause_after_the_main_clause_reports_its_subject(sentence, expected):
    found = find_attribution(sentence)
    assert (found.speaker, found.rule) == (expected, "when")


@pytest.mark.parametrize("sentence", [
    "When Roe said the pier would close, the council left.",       # the clause opens the sentence
    "Doe looked tired when the reporter asked whether it would reopen.",  # a description
    "The staff were thrilled with the report when it posted on Monday.",  # "it"
])
def test_other_when_clauses_are_no_speech(sentence):
    assert find_attribution(sentence) is None


# -- a verb of declaring after a quotation and its subject ---------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # "declare" is speech only before "that" or after a quotation; a subject may stand between
    (Q + " he declared at the rally on Saturday.", "he"),
    (Q + " Jane Roe declared in her speech.", "Jane Roe"),
    (Q + ", the mayor declared on Monday.", "the mayor"),
])
def test_a_verb_after_a_quotation_and_its_subject_is_a_tag(sentence, expected):
    assert speaker(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # no quotation before the subject: "declared" is what was done
    "The mayor declared a state of emergency on Saturday.",
    # a clause of its own between the quotation and the verb
    "The sign read " + Q + ", and the mayor declared a state of emergency.",
])
def test_declaring_without_a_quotation_before_it_is_no_speech(sentence):
    assert speaker(sentence) is None


# -- a statement closed by a quotation after a comma or colon ------------------------------

def _sentence_of(text: str):
    from analysis.text.article import analyse_text

    return analyse_text("x", f"Pier plan\n\nThe council met.\n\n{text}\n").sentences[1]


@pytest.mark.parametrize("text, expected", [
    # the subject of the clause the quotation closes, after a phrase of time
    ("Immediately after the vote, Jane Roe issued a statement, “Last night the pier was lost.”", "Jane Roe"),
    ("Earlier this week, Roe shared her worry with the crowd at a fundraiser, “I do not know who will come.”", "Roe"),
])
def test_a_statement_closed_by_a_quotation_is_its_subjects(text, expected):
    sentence = _sentence_of(text)
    assert (sentence.voice, sentence.speaker, sentence.speaker_source) == ("mixed", expected, "statement")


@pytest.mark.parametrize("text", [
    # the name is the object, not the subject; a sign is nobody
    "The timing of the vote does not surprise the pollster Jane Roe: “Late swings are common.”",
    "The sign at the gate read, “Closed for repairs.”",
    # a capitalised opening word before no verb is no name
    "Each winter, there is a promise many make but few keep: “Next year I will swim.”",
    "Smiling broadly, Mayor Jane Roe thanked the town and then boomed, “The pier is back.”",
    # "they" before a relative clause that is the speaker ('bottles that said')
    "They handed out flyers that said, “Save the pier.”",
])
def test_a_quotation_after_a_subject_that_is_no_name_has_no_speaker(text):
    assert _sentence_of(text).speaker == ""


# -- a partly quoted sentence speaks with its subject, before any borrowed speaker ---------

@pytest.mark.parametrize("text, expected", [
    # the quotation inside the clause, not at its end
    ("Jane Roe thanked the council for “standing up when the state would not.”", "Jane Roe"),
    ("Roe pondered who else might “speak for the town in a season like this.”", "Roe"),
    # an irregular past; a party and state tag between the name and its verb
    ("Roe thought the crowd was “bigger than any before it.”", "Roe"),
    ("In a long speech, Sen. Jane Roe (D-Minn.) thanked the council for “standing firm when the state would not.”", "Jane Roe"),
])
def test_a_partly_quoted_sentence_is_its_subjects(text, expected):
    # the next paragraph opens with another speaker, whose words these are not
    from analysis.text.article import analyse_text

    sentences = analyse_text("x", f"Pier plan\n\nThe council met.\n\n{text}\n\n"
                                  "John Doe said the vote would come in May.\n").sentences
    assert (sentences[1].voice, sentences[1].speaker, sentences[1].speaker_source) == ("mixed", expected, "statement")


@pytest.mark.parametrize("text", [
    # a number word or a clause opener starting the sentence is no name
    "Thirteen years earlier, the council had backed “a pier for everyone who lives in the town.”",
    "As Springfield prepares for what the mayor called “the vote of the decade,” the pier waits.",
])
def test_a_capitalised_opening_word_that_is_no_name_is_no_subject(text):
    sentence = _sentence_of(text)
    assert (sentence.voice, sentence.speaker) == ("mixed", "")


def test_a_statements_subject_speaks_for_its_own_clause_only():
    # the quotation before it stays without a speaker: the subject was read, not written as a tag
    from analysis.text.article import analyse_text

    sentences = analyse_text("x", "Pier plan\n\n“We must act now, before the summer.”\n\n"
                                  "In a long speech, Jane Roe thanked the council for “standing firm when the "
                                  "state would not.”\n").sentences
    assert (sentences[0].voice, sentences[0].speaker) == ("quotation", "")
    assert sentences[1].speaker == "Jane Roe"
