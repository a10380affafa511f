"""The text ``quiz new`` writes: a starter pack, or a starter facts file, to edit.

Both are valid as written (a test runs them through the validator), show one
example of everything, and explain each field in comments. Their facts and
quotes come from the seed articles, word for word.
"""

from __future__ import annotations

import re

#: What a pack id may look like (the same rule as the schema's).
PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_PACK = """\
# A question pack for the Tour de France docuseries quiz.
# Check it with:  quiz validate {path}
# Every question needs: id, category, type, prompt. 'difficulty' is easy,
# medium (the default) or hard. 'explanation' is shown after the answer;
# 'source' names the seed article and quotes it word for word.

pack:
  id: {pack_id}                 # lowercase letters, digits and hyphens; unique among packs
  title: {title}                # the name players see
  description: My own questions about the Tour de France docuseries.
  version: 1.0.0
  language: en                  # language code of the questions
  authors: [Your name]
  license: CC-BY-4.0
  # seeds: my-articles          # the folder of seed files of your own, from this file (see the README)

questions:
  # multiple_choice: 'choices' (2 or more, no duplicates) and the one right 'answer',
  # written exactly as it appears in 'choices'.
  - id: {pack_id}-producer      # unique across all packs: start it with the pack id
    category: producers         # players can pick questions by category
    type: multiple_choice
    difficulty: easy
    prompt: Which company was lined up to make the Tour de France series?
    choices: [Box to Box Films, NOS, Amazon, QUAD]
    answer: Box to Box Films
    explanation: Box to Box Films also make Formula 1 Drive to Survive.
    source:
      seed: 001_e4c48aa415051751.txt
      quote: >-
        It is understood that Box to Box Films, producers of the wildly successful
        Formula 1: Drive to Survive series, have been lined up to make the series.

  # multi_select: 'choices' and every right one in 'answers' (at least one).
  - id: {pack_id}-teams
    category: teams
    type: multi_select
    difficulty: medium
    prompt: Which of these teams are among the eight in the official announcement?
    choices: [Ineos Grenadiers, Alpecin-Fenix, Movistar, Groupama-FDJ cycling Team]
    answers: [Ineos Grenadiers, Alpecin-Fenix, Groupama-FDJ cycling Team]

  # true_false: 'answer' is true or false, without quotes (not yes/no).
  - id: {pack_id}-drop-date
    category: dates
    type: true_false
    prompt: "True or false: the fourth series of Drive to Survive was set to drop on Netflix on March 11."
    answer: true
    source:
      seed: 001_e4c48aa415051751.txt
      quote: The fourth series of Drive to Survive is set to drop on Netflix on March 11.

  # type_in: the accepted spellings in 'answers', the one to show first.
  # Case and accents are forgiven; list other spellings players may use.
  - id: {pack_id}-studio
    category: producers
    type: type_in
    difficulty: hard
    prompt: Which joint venture of QUAD and Box to Box Films produces the series?
    answers: [Quadbox, Quad Box]

  # numeric: the number in 'answer', how far off still counts in 'tolerance'
  # (or 'range: [low, high]' instead of both), and a 'unit' to show.
  - id: {pack_id}-territories
    category: broadcasting
    type: numeric
    prompt: In how many territories is the Tour de France broadcast?
    answer: 190
    tolerance: 0
    unit: territories

  # ordering: at least 3 'items', written in the right order (they are shuffled).
  - id: {pack_id}-documentaries
    category: prior documentaries
    type: ordering
    difficulty: hard
    prompt: Put these in order, earliest first.
    items: [The Least Expected Day, Code Yellow, Plan B]

  # matching: at least 2 'pairs'; each left and each right side is used once.
  - id: {pack_id}-who-made-what
    category: prior documentaries
    type: matching
    prompt: Match each documentary to the team it followed.
    pairs:
      - {{left: The Least Expected Day, right: Movistar}}
      - {{left: Code Yellow, right: Jumbo-Visma}}
"""

_FACTS = """\
# A facts file: the sourced ground truth that 'quiz generate' turns into questions.
# The format is described in docs/facts-format.md. Check it with:
#   quiz validate {path}
# and make its pack (written beside it, as {pack_name}) with:
#   quiz generate {path}

topic:
  id: {pack_id}                 # lower-case letters, digits, '-', '_' and '.'
  title: {title}
  description: Facts about the Tour de France docuseries.

# The kinds of things the facts are about.
types: [company, platform, documentary]

# Categories questions are filed under (optional).
categories: [producers]

# The things themselves: an id, a type from 'types', a display name.
# 'distractor_only' entities are only ever wrong options: a question shows
# four options, so give each type at least four entities.
entities:
  - {{id: box-to-box, type: company, name: Box to Box Films, aliases: [Box to Box]}}
  - {{id: fremantle, type: company, name: Fremantle, distractor_only: true}}
  - {{id: banijay, type: company, name: Banijay, distractor_only: true}}
  - {{id: all3media, type: company, name: All3Media, distractor_only: true}}
  - {{id: netflix, type: platform, name: Netflix}}
  - {{id: amazon, type: platform, name: Amazon}}
  - {{id: disney, type: platform, name: Disney+, distractor_only: true}}
  - {{id: appletv, type: platform, name: Apple TV+, distractor_only: true}}
  - {{id: tdf-series, type: documentary, name: the Tour de France docuseries}}

# What can be said about an entity. {{subject}} and {{object}} (or {{value}}) are
# filled in. Two 'ask_object' phrasings: the first is asked as multiple
# choice, the second as a typed answer.
relations:
  - id: making_for
    category: producers
    subject: company
    object: platform
    exhaustive: true              # one platform per series: any other makes a false statement
    statement: "{{subject}} was lined up to make the Tour de France docuseries for {{object}}."
    ask_object: ["For which streaming platform was {{subject}} lined up to make the Tour de France docuseries?",
                 "Name the streaming platform {{subject}} was lined up to make the Tour de France docuseries for."]
    ask_subject: ["Which company was lined up to make the Tour de France docuseries for {{object}}?"]
  - id: episode_count
    category: producers
    subject: documentary
    value: number
    unit: episodes
    exhaustive: true
    statement: "{{subject}} consists of {{value}}."
    ask_object:
      - "How many episodes does {{subject}} consist of?"
      - "Type the number of episodes {{subject}} consists of."

# Facts: a subject, a relation, its object (or value), a status (confirmed,
# reported or superseded) and its source: the seed file and the sentence that
# says so, word for word. 'confusions' are real mix-ups: they make false
# true-or-false statements (in relations marked exhaustive). A reported fact
# is always asked with its 'hedge'.
facts:
  - id: box-to-box-lined-up
    subject: box-to-box
    relation: making_for
    object: netflix
    status: reported
    hedge: According to Telegraph Sport
    note: The article is about Netflix's series; the sentence names the company.
    confusions: [{{object: amazon}}]
    source:
      seed: 001_e4c48aa415051751.txt
      quote: >-
        It is understood that Box to Box Films, producers of the wildly successful
        Formula 1: Drive to Survive series, have been lined up to make the series.
  - id: tdf-series-episodes
    subject: tdf-series
    relation: episode_count
    value: 8
    status: confirmed
    confusions: [{{value: 6}}]
    source:
      seed: 003_04c923ad2a43299d.txt
      quote: "Consisting of 8 episodes of 45 minutes"
"""


def _title(pack_id: str) -> str:
    return pack_id.replace("-", " ").capitalize()


def pack_text(pack_id: str, path: str = "FILE") -> str:
    """The starter pack, without the editor's schema line (the caller adds it).

    ``path`` is the file as the commands in its comments name it: as typed in a shell.
    """
    return _PACK.format(pack_id=pack_id, title=_title(pack_id), path=path)


def facts_text(pack_id: str, path: str = "FILE", pack_name: str = "FILE.pack.yaml") -> str:
    """The starter facts file; ``pack_name`` is the name `quiz generate` gives its pack."""
    return _FACTS.format(pack_id=pack_id, title=_title(pack_id), path=path, pack_name=pack_name)
