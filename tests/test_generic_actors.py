"""Unnamed actors (kg/extract/generic.py, pipelines/rules/generic_actors.yaml):
the data file's examples on hand-made parses, its coded errors, the IRIs
(a country's institution is one node in every article; unnamed groups are
their article's), and the extraction and graph they feed. No models."""
from __future__ import annotations

import dataclasses
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from rdflib import Literal, URIRef

from kg.document import Document, from_conllu
from kg.errors import RuleError
from kg.extract import STEPS, Extractor, RuleSet
from kg.extract.descriptors import Descriptors
from kg.extract.generic import GenericActors, _first_form, readable_name
from kg.extract.generic_rules import RULES_PATH, load_generic_actors, sector_codes
from kg.graph import add_article, new_dataset, serialize_trig
from kg.ids import generic_actor_iri, institution_iri
from kg.lang.ar import normalize_ar, proclitic_variants
from kg.validate import validate
from kg.vocab import KG, KGR, ontology_graph

# --------------------------------------------------------------------------
# Hand-made parses, one per example text. A row is "id form lemma upos head
# deprel [ner]" (or "a-b form" for a multi-word token); sentences are separated
# by a line "--".

PARSES: dict[str, str] = {
    # army
    "قصف الجيش الباكستاني مواقع في ريف المدينة .": """
        1 قصف قصف VERB 0 root
        2 الجيش جيش NOUN 1 nsubj
        3 الباكستاني باكستاني ADJ 2 amod
        4 مواقع موقع NOUN 1 obj
        5 في في ADP 6 case
        6 ريف ريف NOUN 1 obl
        7 المدينة مدينة NOUN 6 nmod
        8 . . PUNCT 1 punct""",
    "أعلنت باكستان حالة الطوارئ . وقالت باكستان إن الجيش انتشر في الإقليم .": """
        1 أعلنت أعلن VERB 0 root
        2 باكستان باكستان PROPN 1 nsubj S-LOC
        3 حالة حالة NOUN 1 obj
        4 الطوارئ طوارئ NOUN 3 nmod
        5 . . PUNCT 1 punct
        --
        1-2 وقالت
        1 و و CCONJ 2 cc
        2 قالت قال VERB 0 root
        3 باكستان باكستان PROPN 2 nsubj S-LOC
        4 إن إن SCONJ 6 mark
        5 الجيش جيش NOUN 6 nsubj
        6 انتشر انتشر VERB 2 ccomp
        7 في في ADP 8 case
        8 الإقليم إقليم NOUN 6 obl
        9 . . PUNCT 2 punct""",
    "انتشر الجيش في شوارع العاصمة .": """
        1 انتشر انتشر VERB 0 root
        2 الجيش جيش NOUN 1 nsubj
        3 في في ADP 4 case
        4 شوارع شارع NOUN 1 obl
        5 العاصمة عاصمة NOUN 4 nmod
        6 . . PUNCT 1 punct""",
    "قاتل عناصر الجيش الحر في البلدة .": """
        1 قاتل قاتل VERB 0 root
        2 عناصر عنصر NOUN 1 nsubj
        3 الجيش جيش NOUN 2 nmod
        4 الحر حر ADJ 3 amod
        5 في في ADP 6 case
        6 البلدة بلدة NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "وصل قائد الجيش إلى البلدة .": """
        1 وصل وصل VERB 0 root
        2 قائد قائد NOUN 1 nsubj
        3 الجيش جيش NOUN 2 nmod
        4 إلى إلى ADP 5 case
        5 البلدة بلدة NOUN 1 obl
        6 . . PUNCT 1 punct""",
    # government forces
    "سيطرت قوات النظام الباكستاني على البلدة .": """
        1 سيطرت سيطر VERB 0 root
        2 قوات قوة NOUN 1 nsubj
        3 النظام نظام NOUN 2 nmod
        4 الباكستاني باكستاني ADJ 3 amod
        5 على على ADP 6 case
        6 البلدة بلدة NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "تقدمت القوات الحكومية نحو المدينة .": """
        1 تقدمت تقدم VERB 0 root
        2 القوات قوة NOUN 1 nsubj
        3 الحكومية حكومي ADJ 2 amod
        4 نحو نحو ADP 5 case
        5 المدينة مدينة NOUN 1 obl
        6 . . PUNCT 1 punct""",
    "ناقش الوزير النظام الداخلي للحزب .": """
        1 ناقش ناقش VERB 0 root
        2 الوزير وزير NOUN 1 nsubj
        3 النظام نظام NOUN 1 obj
        4 الداخلي داخلي ADJ 3 amod
        5-6 للحزب
        5 ل ل ADP 6 case
        6 لحزب حزب NOUN 3 nmod
        7 . . PUNCT 1 punct""",
    # security forces
    "اعتقلت القوات الأمنية التركية خمسة أشخاص .": """
        1 اعتقلت اعتقل VERB 0 root
        2 القوات قوة NOUN 1 nsubj
        3 الأمنية أمني ADJ 2 amod
        4 التركية تركي ADJ 2 amod
        5 خمسة خمسة NUM 1 obj
        6 أشخاص شخص NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    "فرقت قوات الأمن المتظاهرين في الساحة .": """
        1 فرقت فرق VERB 0 root
        2 قوات قوة NOUN 1 nsubj
        3 الأمن أمن NOUN 2 nmod
        4 المتظاهرين متظاهر NOUN 1 obj
        5 في في ADP 6 case
        6 الساحة ساحة NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "ناقش المجلس الأمن الغذائي في البلاد .": """
        1 ناقش ناقش VERB 0 root
        2 المجلس مجلس NOUN 1 nsubj
        3 الأمن أمن NOUN 1 obj
        4 الغذائي غذائي ADJ 3 amod
        5 في في ADP 6 case
        6 البلاد بلاد NOUN 1 obl
        7 . . PUNCT 1 punct""",
    # police
    "قالت الشرطة الباكستانية إن الانفجار وقع صباحا .": """
        1 قالت قال VERB 0 root
        2 الشرطة شرطة NOUN 1 nsubj
        3 الباكستانية باكستاني ADJ 2 amod
        4 إن إن SCONJ 6 mark
        5 الانفجار انفجار NOUN 6 nsubj
        6 وقع وقع VERB 1 ccomp
        7 صباحا صباح NOUN 6 obl
        8 . . PUNCT 1 punct""",
    "هاجم مسلحون مركزا للشرطة .": """
        1 هاجم هاجم VERB 0 root
        2 مسلحون مسلح NOUN 1 nsubj
        3 مركزا مركز NOUN 1 obj
        4-5 للشرطة
        4 ل ل ADP 5 case
        5 لشرطة شرطة NOUN 3 nmod
        6 . . PUNCT 1 punct""",
    "نفذت الشرطة العسكرية حملة تفتيش .": """
        1 نفذت نفذ VERB 0 root
        2 الشرطة شرطة NOUN 1 nsubj
        3 العسكرية عسكري ADJ 2 amod
        4 حملة حملة NOUN 1 obj
        5 تفتيش تفتيش NOUN 4 nmod
        6 . . PUNCT 1 punct""",
    # gunmen
    "أطلق مسلحون النار على حافلة ركاب .": """
        1 أطلق أطلق VERB 0 root
        2 مسلحون مسلح NOUN 1 nsubj
        3 النار نار NOUN 1 obj
        4 على على ADP 5 case
        5 حافلة حافلة NOUN 1 obl
        6 ركاب راكب NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    "اختطف مسلحون مجهولون مهندسين في الطريق .": """
        1 اختطف اختطف VERB 0 root
        2 مسلحون مسلح NOUN 1 nsubj
        3 مجهولون مجهول ADJ 2 amod
        4 مهندسين مهندس NOUN 1 obj
        5 في في ADP 6 case
        6 الطريق طريق NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "وفر المسلحون بعد الهجوم .": """
        1-2 وفر
        1 و و CCONJ 2 cc
        2 فر فر VERB 0 root
        3 المسلحون مسلح NOUN 2 nsubj
        4 بعد بعد ADP 5 case
        5 الهجوم هجوم NOUN 2 obl
        6 . . PUNCT 2 punct""",
    "قتل ثلاثة من مسلحي داعش في الاشتباك .": """
        1 قتل قتل VERB 0 root
        2 ثلاثة ثلاثة NUM 1 obj
        3 من من ADP 4 case
        4 مسلحي مسلح NOUN 2 nmod
        5 داعش داعش PROPN 4 nmod S-ORG
        6 في في ADP 7 case
        7 الاشتباك اشتباك NOUN 1 obl
        8 . . PUNCT 1 punct""",
    "هاجم مسلحون من حركة طالبان القرية .": """
        1 هاجم هاجم VERB 0 root
        2 مسلحون مسلح NOUN 1 nsubj
        3 من من ADP 4 case
        4 حركة حركة NOUN 2 nmod B-ORG
        5 طالبان طالبان PROPN 4 nmod E-ORG
        6 القرية قرية NOUN 1 obj
        7 . . PUNCT 1 punct""",
    # a parser that misses the adjective: the veto words catch it
    "استهدف هجومان مسلحان نقطتين للتفتيش .": """
        1 استهدف استهدف VERB 0 root
        2 هجومان هجوم NOUN 1 nsubj
        3 مسلحان مسلح NOUN 2 nmod
        4 نقطتين نقطة NOUN 1 obj
        5-6 للتفتيش
        5 ل ل ADP 6 case
        6 لتفتيش تفتيش NOUN 4 nmod
        7 . . PUNCT 1 punct""",
    "كان الحراس مسلحين بالعصي .": """
        1 كان كان AUX 3 cop
        2 الحراس حارس NOUN 3 nsubj
        3 مسلحين مسلح ADJ 0 root
        4-5 بالعصي
        4 ب ب ADP 5 case
        5 العصي عصا NOUN 3 obl
        6 . . PUNCT 3 punct""",
    # assailants
    "أطلق مجهولون النار على سيارة الضابط .": """
        1 أطلق أطلق VERB 0 root
        2 مجهولون مجهول NOUN 1 nsubj
        3 النار نار NOUN 1 obj
        4 على على ADP 5 case
        5 سيارة سيارة NOUN 1 obl
        6 الضابط ضابط NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    "وتمكن المهاجمون من الفرار .": """
        1-2 وتمكن
        1 و و CCONJ 2 cc
        2 تمكن تمكن VERB 0 root
        3 المهاجمون مهاجم NOUN 2 nsubj
        4 من من ADP 5 case
        5 الفرار فرار NOUN 2 obl
        6 . . PUNCT 2 punct""",
    "بقي مصير الرهائن مجهولا .": """
        1 بقي بقي VERB 0 root
        2 مصير مصير NOUN 1 nsubj
        3 الرهائن رهينة NOUN 2 nmod
        4 مجهولا مجهول ADJ 1 xcomp
        5 . . PUNCT 1 punct""",
    # suicide bomber
    "فجر انتحاري حزامه الناسف في سوق المدينة .": """
        1 فجر فجر VERB 0 root
        2 انتحاري انتحاري NOUN 1 nsubj
        3-4 حزامه
        3 حزام حزام NOUN 1 obj
        4 ه هو PRON 3 nmod
        5 الناسف ناسف ADJ 3 amod
        6 في في ADP 7 case
        7 سوق سوق NOUN 1 obl
        8 المدينة مدينة NOUN 7 nmod
        9 . . PUNCT 1 punct""",
    "أسفر هجوم انتحاري عن سقوط ضحايا .": """
        1 أسفر أسفر VERB 0 root
        2 هجوم هجوم NOUN 1 nsubj
        3 انتحاري انتحاري ADJ 2 amod
        4 عن عن ADP 5 case
        5 سقوط سقوط NOUN 1 obl
        6 ضحايا ضحية NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    # rebels
    "سيطر المتمردون على مطار المدينة .": """
        1 سيطر سيطر VERB 0 root
        2 المتمردون متمرد NOUN 1 nsubj
        3 على على ADP 4 case
        4 مطار مطار NOUN 1 obl
        5 المدينة مدينة NOUN 4 nmod
        6 . . PUNCT 1 punct""",
    # متمردين as the adjective of the number, as parsers sometimes have it
    "قتل أربعة متمردين في الاشتباكات .": """
        1 قتل قتل VERB 0 root
        2 أربعة أربعة NUM 1 nsubj:pass
        3 متمردين متمرد ADJ 2 amod
        4 في في ADP 5 case
        5 الاشتباكات اشتباك NOUN 1 obl
        6 . . PUNCT 1 punct""",
    "تقدمت القوات الموالية للحكومة نحو المطار .": """
        1 تقدمت تقدم VERB 0 root
        2 القوات قوة NOUN 1 nsubj
        3 الموالية موالي ADJ 2 amod
        4 للحكومة حكومة NOUN 3 obl
        5 نحو نحو ADP 6 case
        6 المطار مطار NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "تقدمت القوات نحو المطار .": """
        1 تقدمت تقدم VERB 0 root
        2 القوات قوة NOUN 1 nsubj
        3 نحو نحو ADP 4 case
        4 المطار مطار NOUN 1 obl
        5 . . PUNCT 1 punct""",
    "قصفت فصائل المعارضة السورية مواقع للجيش .": """
        1 قصفت قصف VERB 0 root
        2 فصائل فصيل NOUN 1 nsubj
        3 المعارضة معارضة NOUN 2 nmod
        4 السورية سوري ADJ 3 amod
        5 مواقع موقع NOUN 1 obj
        6-7 للجيش
        6 ل ل ADP 7 case
        7 لجيش جيش NOUN 5 nmod
        8 . . PUNCT 1 punct""",
    "قصفت الميليشيات الأحياء السكنية في المدينة .": """
        1 قصفت قصف VERB 0 root
        2 الميليشيات ميليشيا NOUN 1 nsubj
        3 الأحياء حي NOUN 1 obj
        4 السكنية سكني ADJ 3 amod
        5 في في ADP 6 case
        6 المدينة مدينة NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "هاجمت ميليشيات مسلحة قرية في الريف .": """
        1 هاجمت هاجم VERB 0 root
        2 ميليشيات ميليشيا NOUN 1 nsubj
        3 مسلحة مسلح ADJ 2 amod
        4 قرية قرية NOUN 1 obj
        5 في في ADP 6 case
        6 الريف ريف NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "قاتلت ميليشيا الدفاع الذاتي في القرية .": """
        1 قاتلت قاتل VERB 0 root
        2 ميليشيا ميليشيا NOUN 1 nsubj
        3 الدفاع دفاع NOUN 2 nmod
        4 الذاتي ذاتي ADJ 3 amod
        5 في في ADP 6 case
        6 القرية قرية NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "هاجمت مجموعة إرهابية نقطة تفتيش قرب الحدود .": """
        1 هاجمت هاجم VERB 0 root
        2 مجموعة مجموعة NOUN 1 nsubj
        3 إرهابية إرهابي ADJ 2 amod
        4 نقطة نقطة NOUN 1 obj
        5 تفتيش تفتيش NOUN 4 nmod
        6 قرب قرب ADP 7 case
        7 الحدود حد NOUN 1 obl
        8 . . PUNCT 1 punct""",
    "وقتل الجنود ثلاثة من الإرهابيين في الاشتباك .": """
        1 وقتل قتل VERB 0 root
        2 الجنود جندي NOUN 1 nsubj
        3 ثلاثة ثلاثة NUM 1 obj
        4 من من ADP 5 case
        5 الإرهابيين إرهابي NOUN 3 nmod
        6 في في ADP 7 case
        7 الاشتباك اشتباك NOUN 1 obl
        8 . . PUNCT 1 punct""",
    "وناقش المؤتمر تمويل الإرهاب في المنطقة .": """
        1 وناقش ناقش VERB 0 root
        2 المؤتمر مؤتمر NOUN 1 nsubj
        3 تمويل تمويل NOUN 1 obj
        4 الإرهاب إرهاب NOUN 3 nmod
        5 في في ADP 6 case
        6 المنطقة منطقة NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "تقدم الجيش الوطني نحو وسط المدينة .": """
        1 تقدم تقدم VERB 0 root
        2 الجيش جيش NOUN 1 nsubj
        3 الوطني وطني ADJ 2 amod
        4 نحو نحو ADP 5 case
        5 وسط وسط NOUN 1 obl
        6 المدينة مدينة NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    "استهدفت الغارة المتمردين الحوثيين في المدينة .": """
        1 استهدفت استهدف VERB 0 root
        2 الغارة غارة NOUN 1 nsubj
        3 المتمردين متمرد NOUN 1 obj
        4 الحوثيين حوثي ADJ 3 amod
        5 في في ADP 6 case
        6 المدينة مدينة NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "قصفت القوات النظامية قرى في ريف المدينة .": """
        1 قصفت قصف VERB 0 root
        2 القوات قوة NOUN 1 nsubj
        3 النظامية نظامي ADJ 2 amod
        4 قرى قرية NOUN 1 obj
        5 في في ADP 6 case
        6 ريف ريف NOUN 1 obl
        7 المدينة مدينة NOUN 6 nmod
        8 . . PUNCT 1 punct""",
    "شن الطيران الحربي النظامي غارات على قرى الريف .": """
        1 شن شن VERB 0 root
        2 الطيران طيران NOUN 1 nsubj
        3 الحربي حربي ADJ 2 amod
        4 النظامي نظامي ADJ 2 amod
        5 غارات غارة NOUN 1 obj
        6 على على ADP 7 case
        7 قرى قرية NOUN 5 nmod
        8 الريف ريف NOUN 7 nmod
        9 . . PUNCT 1 punct""",
    # putschists
    "تصدت القوات لهجوم شنه الانقلابيون على المطار .": """
        1 تصدت تصدى VERB 0 root
        2 القوات قوة NOUN 1 nsubj
        3-4 لهجوم
        3 ل ل ADP 4 case
        4 هجوم هجوم NOUN 1 obl
        5-6 شنه
        5 شن شن VERB 4 acl
        6 ه هو PRON 5 obj
        7 الانقلابيون انقلابي NOUN 5 nsubj
        8 على على ADP 9 case
        9 المطار مطار NOUN 5 obl
        10 . . PUNCT 1 punct""",
    "سيطر الانقلابيين الحوثيين على مبنى الإذاعة .": """
        1 سيطر سيطر VERB 0 root
        2 الانقلابيين انقلابي NOUN 1 nsubj
        3 الحوثيين حوثي ADJ 2 amod
        4 على على ADP 5 case
        5 مبنى مبنى NOUN 1 obl
        6 الإذاعة إذاعة NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    # civilians
    "قتل عشرة مدنيين في القصف .": """
        1 قتل قتل VERB 0 root
        2 عشرة عشرة NUM 3 nummod
        3 مدنيين مدني NOUN 1 obj
        4 في في ADP 5 case
        5 القصف قصف NOUN 1 obl
        6 . . PUNCT 1 punct""",
    "نزح آلاف المدنيين السوريين إلى الحدود .": """
        1 نزح نزح VERB 0 root
        2 آلاف ألف NUM 1 nsubj
        3 المدنيين مدني NOUN 2 nmod
        4 السوريين سوري ADJ 3 amod
        5 إلى إلى ADP 6 case
        6 الحدود حد NOUN 1 obl
        7 . . PUNCT 1 punct""",
    "سقط عدد من الضحايا المدنيين في القصف .": """
        1 سقط سقط VERB 0 root
        2 عدد عدد NOUN 1 nsubj
        3 من من ADP 4 case
        4 الضحايا ضحية NOUN 2 nmod
        5 المدنيين مدني ADJ 4 amod
        6 في في ADP 7 case
        7 القصف قصف NOUN 1 obl
        8 . . PUNCT 1 punct""",
    # government: the country itself
    "أعلنت السلطات الباكستانية الحداد ثلاثة أيام .": """
        1 أعلنت أعلن VERB 0 root
        2 السلطات سلطة NOUN 1 nsubj
        3 الباكستانية باكستاني ADJ 2 amod
        4 الحداد حداد NOUN 1 obj
        5 ثلاثة ثلاثة NUM 1 obl
        6 أيام يوم NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    "طالبت حكومة باكستان بوقف القتال .": """
        1 طالبت طالب VERB 0 root
        2 حكومة حكومة NOUN 1 nsubj
        3 باكستان باكستان PROPN 2 nmod S-LOC
        4-5 بوقف
        4 ب ب ADP 5 case
        5 وقف وقف NOUN 1 obl
        6 القتال قتال NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    "وصل وفد إلى باكستان . وقال مسؤول في باكستان إن السلطات فتحت تحقيقا .": """
        1 وصل وصل VERB 0 root
        2 وفد وفد NOUN 1 nsubj
        3 إلى إلى ADP 4 case
        4 باكستان باكستان PROPN 1 obl S-LOC
        5 . . PUNCT 1 punct
        --
        1-2 وقال
        1 و و CCONJ 2 cc
        2 قال قال VERB 0 root
        3 مسؤول مسؤول NOUN 2 nsubj
        4 في في ADP 5 case
        5 باكستان باكستان PROPN 3 nmod S-LOC
        6 إن إن SCONJ 8 mark
        7 السلطات سلطة NOUN 8 nsubj
        8 فتحت فتح VERB 2 ccomp
        9 تحقيقا تحقيق NOUN 8 obj
        10 . . PUNCT 2 punct""",
    "قالت السلطات المحلية إن الطريق مغلق .": """
        1 قالت قال VERB 0 root
        2 السلطات سلطة NOUN 1 nsubj
        3 المحلية محلي ADJ 2 amod
        4 إن إن SCONJ 6 mark
        5 الطريق طريق NOUN 6 nsubj
        6 مغلق مغلق ADJ 1 ccomp
        7 . . PUNCT 1 punct""",
    "قالت الحكومة إن الطريق مغلق .": """
        1 قالت قال VERB 0 root
        2 الحكومة حكومة NOUN 1 nsubj
        3 إن إن SCONJ 5 mark
        4 الطريق طريق NOUN 5 nsubj
        5 مغلق مغلق ADJ 1 ccomp
        6 . . PUNCT 1 punct""",
    # regime: the country itself
    "قصف النظام السوري أحياء المدينة .": """
        1 قصف قصف VERB 0 root
        2 النظام نظام NOUN 1 nsubj
        3 السوري سوري ADJ 2 amod
        4 أحياء حي NOUN 1 obj
        5 المدينة مدينة NOUN 4 nmod
        6 . . PUNCT 1 punct""",
    "أقر البرلمان النظام الجديد للانتخابات .": """
        1 أقر أقر VERB 0 root
        2 البرلمان برلمان NOUN 1 nsubj
        3 النظام نظام NOUN 1 obj
        4 الجديد جديد ADJ 3 amod
        5-6 للانتخابات
        5 ل ل ADP 6 case
        6 لانتخابات انتخاب NOUN 3 nmod
        7 . . PUNCT 1 punct""",
}


def to_conllu(rows: str) -> str:
    """Hand rows → CoNLL-U (10 columns; NER in MISC)."""
    blocks: list[list[str]] = [[]]
    for line in textwrap.dedent(rows).strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if line == "--":
            blocks.append([])
            continue
        cols = line.split()
        if "-" in cols[0]:
            blocks[-1].append("\t".join([cols[0], cols[1]] + ["_"] * 8))
            continue
        wid, form, lemma, upos, head, deprel = cols[:6]
        misc = f"ner={cols[6]}" if len(cols) > 6 else "_"
        blocks[-1].append("\t".join([wid, form, lemma, upos, "_", "_", head, deprel, "_", misc]))
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def parse(text: str, article_id: str = "inline") -> Document:
    doc = from_conllu(to_conllu(PARSES[text]))
    assert doc.article.text.replace("\n", " ") == text, "the hand parse's words are not the example's text"
    doc.article = dataclasses.replace(doc.article, id=article_id)
    return doc


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


@pytest.fixture(scope="module")
def without(rules) -> Extractor:
    """The extraction without the step (and the descriptors step that reads its actors), to
    see what the step adds."""
    return Extractor(rules, tuple(s for s in STEPS if s not in (GenericActors, Descriptors)))


DATA = load_generic_actors()
MATCH = [pytest.param(h, ex, id=f"{h.id}-{i}") for h in DATA.heads for i, ex in enumerate(h.match)]
NO_MATCH = [pytest.param(h, text, id=f"{h.id}-no-{i}") for h in DATA.heads for i, text in enumerate(h.no_match)]


def _reading(doc: Document, m) -> list[str]:
    """A mention's words as normalised forms, proclitics of the first one stripped."""
    sent = doc.sentences[m.sentence]
    words = [sent.word(w) for w in m.words]
    return [normalize_ar(_first_form(sent, words[0]))] + [w.norm for w in words[1:]]


def _is_phrase(doc: Document, m, phrase: str) -> bool:
    want = normalize_ar(phrase).split()
    got = _reading(doc, m)
    return len(got) == len(want) and want[0] in proclitic_variants(got[0]) and got[1:] == want[1:]


def _keys(facts) -> set[tuple[str, int, int]]:
    return {(m.actor, m.sentence, m.start) for m in facts.mentions}


# --------------------------------------------------------------------------
# The data file's examples

def test_generic_every_example_has_a_hand_parse():
    texts = {ex.text for h in DATA.heads for ex in h.match} | {t for h in DATA.heads for t in h.no_match}
    assert sorted(texts - set(PARSES)) == []
    assert sorted(set(PARSES) - texts) == [], "a parse no example uses"


@pytest.mark.parametrize("head, example", MATCH)
def test_generic_match_examples(rules, without, head, example):
    doc = parse(example.text)
    facts = rules.extract(doc)
    before = _keys(without.run(doc))
    found = [m for m in facts.mentions if (m.actor, m.sentence, m.start) not in before
             and _is_phrase(doc, m, example.phrase)]
    assert found, (example.phrase, [(m.text, m.actor) for m in facts.mentions])
    actor = facts.actors[found[0].actor]
    country = rules.gazetteer.lookup(example.country) if example.country else None
    assert example.country is None or country is not None, f"{example.country} is not in the gazetteer"
    assert actor.cls == example.cls
    if example.cls == "Country":
        assert actor.iri == country.iri
    else:
        assert actor.sector == sector_codes()[example.sector]
        assert actor.part_of == (country.iri if country else None)
        assert not actor.from_gazetteer


@pytest.mark.parametrize("head, text", NO_MATCH)
def test_generic_no_match_examples(rules, without, head, text):
    doc = parse(text)
    assert _keys(rules.extract(doc)) == _keys(without.run(doc))


def test_generic_labels_are_the_phrase_as_written(rules):
    facts = rules.extract(parse("هاجم مسلحون مركزا للشرطة ."))
    labels = sorted(a.label_ar for a in facts.actors.values() if a.sector)
    assert labels == ["الشرطة", "مسلحون"]  # للشرطة without its ل
    assert {a.label_en for a in facts.actors.values() if a.sector} == {"Police", "Gunmen"}


def test_generic_a_bare_head_takes_the_article_country_and_a_readable_name(rules):
    facts = rules.extract(parse("أعلنت باكستان حالة الطوارئ . وقالت باكستان إن الجيش انتشر في الإقليم ."))
    army = facts.actors[institution_iri(str(KGR["actor/pakistan"]), "army")]
    assert (army.label_ar, army.label_en) == ("الجيش الباكستاني", "Army (Pakistan)")
    assert army.sector == "MilitarySector" and army.part_of == str(KGR["actor/pakistan"])


def test_generic_the_gazetteer_body_wins(rules, conllu_doc):
    """الجيش in an article about Iraq is the gazetteer's Iraqi Army, as البرلمان is its parliament."""
    doc = conllu_doc(to_conllu("""
        1 زار زار VERB 0 root
        2 الوزير وزير NOUN 1 nsubj
        3 العراق العراق PROPN 1 obj S-LOC
        4 . . PUNCT 1 punct
        --
        1 وقال قال VERB 0 root
        2 إن إن SCONJ 4 mark
        3 الجيش جيش NOUN 4 nsubj
        4 انسحب انسحب VERB 1 ccomp
        5 من من ADP 6 case
        6 العراق العراق PROPN 4 obl S-LOC
        7 . . PUNCT 1 punct"""))
    facts = rules.extract(doc)
    army = next(m for m in facts.mentions if m.text == "الجيش")
    assert army.actor == str(KGR["actor/iraqi_army"]) and facts.actors[army.actor].from_gazetteer


def test_generic_a_bare_head_takes_the_country_the_article_gave_the_same_head(rules, conllu_doc):
    """الشرطة after الشرطة الباكستانية is that police, though Pakistan is named once only."""
    doc = conllu_doc(to_conllu(PARSES["قالت الشرطة الباكستانية إن الانفجار وقع صباحا ."] + "\n--\n"
                               + PARSES["هاجم مسلحون مركزا للشرطة ."]))
    facts = rules.extract(doc)
    police = institution_iri(str(KGR["actor/pakistan"]), "police")
    assert [m.actor for m in facts.mentions if facts.actors[m.actor].sector == "PoliceSector"] == [police, police]
    assert facts.actors[police].label_ar == "الشرطة الباكستانية"


@pytest.mark.parametrize(("name", "gender", "country", "label"), [
    ("الجيش", "m", "أفغانستان", "الجيش الأفغاني"),  # not الأفغان, the plural
    ("الشرطة", "f", "تركيا", "الشرطة التركية"),
    ("الجيش", "m", "نيجيريا", "الجيش النيجيري"),
    ("الجيش", "m", "بنن", "الجيش (بنن)"),  # no demonyms in the gazetteer
])
def test_generic_readable_names(rules, name, gender, country, label):
    assert readable_name(name, gender, rules.gazetteer.lookup(country)) == label


# --------------------------------------------------------------------------
# IRIs: institutions agree across articles, unnamed groups never do

def test_generic_a_country_institution_is_one_node_in_every_article(rules):
    one = rules.extract(parse("قالت الشرطة الباكستانية إن الانفجار وقع صباحا .", "a1"))
    two = rules.extract(parse("قالت الشرطة الباكستانية إن الانفجار وقع صباحا .", "a2"))
    police = institution_iri(str(KGR["actor/pakistan"]), "police")
    assert police == "https://w3id.org/ankg/id/actor/pakistan/police"
    assert police in one.actors and police in two.actors


def test_generic_unnamed_groups_of_two_articles_differ(rules):
    one = rules.extract(parse("أطلق مسلحون النار على حافلة ركاب .", "a1"))
    two = rules.extract(parse("أطلق مسلحون النار على حافلة ركاب .", "a2"))
    gunmen = lambda facts: {i for i, a in facts.actors.items() if a.sector == "UnidentifiedArmedSector"}  # noqa: E731
    assert gunmen(one) == {generic_actor_iri("a1", "gunmen")}
    assert gunmen(two) == {generic_actor_iri("a2", "gunmen")}
    assert gunmen(one) != gunmen(two)


def test_generic_the_same_head_twice_in_an_article_is_one_node(rules, conllu_doc):
    doc = conllu_doc(to_conllu(PARSES["أطلق مسلحون النار على حافلة ركاب ."] + "\n--\n"
                               + PARSES["وفر المسلحون بعد الهجوم ."]))
    facts = rules.extract(doc)
    gunmen = [m for m in facts.mentions if facts.actors[m.actor].sector == "UnidentifiedArmedSector"]
    assert [m.text for m in gunmen] == ["مسلحون", "المسلحون"]
    assert len({m.actor for m in gunmen}) == 1
    actor = facts.actors[gunmen[0].actor]
    # The first form is the label; each other form the article used is an alternative one.
    assert (actor.label_ar, actor.alt_labels_ar) == ("مسلحون", ["المسلحون"])


def test_generic_differently_described_groups_of_an_article_are_two_nodes(rules, conllu_doc):
    """مسلحون ملثمون and مسلحون موالون للحكومة may be enemies: one node each."""
    doc = conllu_doc(to_conllu("""
        1 هاجم هاجم VERB 0 root
        2 مسلحون مسلح NOUN 1 nsubj
        3 ملثمون ملثم ADJ 2 amod
        4 مسلحين مسلح NOUN 1 obj
        5 موالين موال ADJ 4 amod
        6 . . PUNCT 1 punct"""))
    facts = rules.extract(doc)
    assert [(m.text, m.actor) for m in facts.mentions] == [
        ("مسلحون ملثمون", generic_actor_iri("inline", "gunmen-ملثمون")),
        ("مسلحين موالين", generic_actor_iri("inline", "gunmen-موالين"))]


# --------------------------------------------------------------------------
# NER spans and demonyms

def test_generic_a_ner_span_that_is_a_head_becomes_the_unnamed_actor(rules, conllu_doc):
    """NER tagging المسلحين would mint kgr:actor/المسلحين, one node for the gunmen of every article."""
    doc = conllu_doc(to_conllu("""
        1 هاجم هاجم VERB 0 root
        2 المسلحين مسلح NOUN 1 nsubj S-ORG
        3 القرية قرية NOUN 1 obj
        4 . . PUNCT 1 punct"""))
    facts = rules.extract(doc)
    assert [m.actor for m in facts.mentions] == [generic_actor_iri("inline", "gunmen")]
    assert all("المسلحين" not in iri for iri in facts.actors)  # the NER actor is pruned


def test_generic_a_demonym_tagged_as_a_country_joins_the_phrase(rules, conllu_doc):
    doc = conllu_doc(to_conllu("""
        1 قصف قصف VERB 0 root
        2 الجيش جيش NOUN 1 nsubj
        3 الباكستاني باكستاني ADJ 2 amod S-LOC
        4 المدينة مدينة NOUN 1 obj
        5 . . PUNCT 1 punct"""))
    facts = rules.extract(doc)
    army = institution_iri(str(KGR["actor/pakistan"]), "army")
    assert [(m.text, m.actor) for m in facts.mentions] == [("الجيش الباكستاني", army)]


# --------------------------------------------------------------------------
# Extraction and graph

ATTACK = """
    1 استهدف استهدف VERB 0 root
    2 مسلحون مسلح NOUN 1 nsubj
    3 دورية دورية NOUN 1 obj
    4-5 للشرطة
    4 ل ل ADP 5 case
    5 لشرطة شرطة NOUN 3 nmod
    6 . . PUNCT 1 punct"""


def test_generic_actors_fill_an_attack(rules, conllu_doc):
    """"استهدف مسلحون دورية للشرطة": the gunmen attack, the police are hit."""
    facts = rules.extract(conllu_doc(to_conllu(ATTACK)))
    gunmen, police = generic_actor_iri("inline", "gunmen"), generic_actor_iri("inline", "police")
    assert facts.actors[gunmen].sector == "UnidentifiedArmedSector" and facts.actors[gunmen].cls == "ArmedGroup"
    assert facts.actors[police].sector == "PoliceSector" and facts.actors[police].cls == "Organization"
    attack = next(e for e in facts.events if e.type == "Attack")
    assert attack.roles["agent"] == [gunmen]
    assert police in attack.roles.get("target", [])


def test_generic_graph_writes_sector_and_country_and_validates(rules, tmp_path):
    facts = rules.extract(parse("قالت الشرطة الباكستانية إن الانفجار وقع صباحا ."))
    ds = new_dataset()
    g = add_article(ds, facts)
    police = URIRef(institution_iri(str(KGR["actor/pakistan"]), "police"))
    assert (police, KG.sector, KG.PoliceSector) in g
    assert (police, KG.partOf, KGR["actor/pakistan"]) in g
    assert (KGR["actor/pakistan"], KG.capital, None) not in g  # described, not copied from the gazetteer
    assert any(True for _ in g.objects(KGR["actor/pakistan"], URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    (tmp_path / "graph.trig").write_text(serialize_trig(ds), encoding="utf-8")
    report = validate(tmp_path)
    assert report.conforms, report.violations
    g.add((police, KG.sector, Literal("MIL")))  # a code is no sector
    (tmp_path / "graph.trig").write_text(serialize_trig(ds), encoding="utf-8")
    report = validate(tmp_path)
    assert not report.conforms and {v.path for v in report.violations} == {"kg:sector"}, report.violations


def test_generic_sectors_are_the_ontology_sectors():
    g = ontology_graph()
    assert set(sector_codes()) == {"MIL", "COP", "REB", "UAF", "GOV", "CVL"}
    assert {str(s) for s in g.subjects(None, KG.Sector) if str(s).endswith("Sector")} == {
        str(KG[name]) for name in sector_codes().values()}
    assert {h.code for h in DATA.heads} <= set(sector_codes())


# --------------------------------------------------------------------------
# Validation

def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "generic_actors.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _head(data: dict, hid: str) -> dict:
    return next(h for h in data["heads"] if h["id"] == hid)


@pytest.mark.parametrize(("change", "code", "words"), [
    (lambda d: _head(d, "police").__setitem__("colour", "blue"), "E321", "unknown key"),
    (lambda d: _head(d, "police").pop("forms"), "E321", "missing key"),
    (lambda d: _head(d, "police").__setitem__("forms", []), "E321", "'forms'"),
    (lambda d: _head(d, "army").pop("name"), "E321", "'name' and 'gender'"),
    (lambda d: _head(d, "police").__setitem__("match", [{"text": "x"}]), "E321", "exactly"),
    (lambda d: d.__setitem__("heads", []), "E321", "heads"),
    (lambda d: _head(d, "police").__setitem__("class", "Place"), "E323", "class 'Place'"),
    (lambda d: _head(d, "police").__setitem__("sector", "SPY"), "E323", "sector 'SPY'"),
    (lambda d: _head(d, "police").__setitem__("bare", "guess"), "E323", "bare must be"),
    (lambda d: d.__setitem__("kind", "titles"), "E323", "kind"),
    (lambda d: _head(d, "army").__setitem__("id", "police"), "E324", "duplicate id"),
    (lambda d: _head(d, "army")["forms"].append("الشرطة"), "E324", "listed twice"),
    (lambda d: _head(d, "police")["match"][0].__setitem__("phrase", "الجيش"), "E325", "not in the text"),
    (lambda d: _head(d, "police")["match"][0].__setitem__("sector", "MIL"), "E325", "the entry gives"),
])
def test_generic_file_errors_are_coded(tmp_path, change, code, words):
    with pytest.raises(RuleError) as err:
        load_generic_actors(_write(tmp_path, change))
    assert err.value.code == code and words in str(err.value), str(err.value)


def test_generic_file_unreadable_or_bad_yaml(tmp_path):
    with pytest.raises(RuleError, match=r"\[E322\]"):
        load_generic_actors(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("heads: [\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"\[E322\].*bad.yaml"):
        load_generic_actors(bad)


def test_generic_file_is_accepted_by_the_rule_set(tmp_path):
    """RuleSet.load reads every *.yaml of the rules folder: this one adds no event rule."""
    target = tmp_path / "rules"
    shutil.copytree(RULES_PATH.parent, target)
    base = len(RuleSet.load().events)
    assert len(RuleSet.load(target).events) == base


def test_generic_government_forces_are_the_army_the_gazetteer_knows(rules, conllu_doc):
    """Bare قوات النظام in an article about Syria: the regime's forces are the Syrian Armed
    Forces of the gazetteer (``bodies``), not a second unnamed Syrian institution."""
    doc = conllu_doc(to_conllu("""
        1 أعلنت أعلن VERB 0 root
        2 سوريا سوريا PROPN 1 nsubj S-LOC
        3 حالة حالة NOUN 1 obj
        4 الطوارئ طوارئ NOUN 3 nmod
        5 . . PUNCT 1 punct
        --
        1 قالت قال VERB 0 root
        2 سوريا سوريا PROPN 1 nsubj S-LOC
        3 إن إن SCONJ 6 mark
        4 قوات قوة NOUN 6 nsubj
        5 النظام نظام NOUN 4 nmod
        6 تقدمت تقدم VERB 1 ccomp
        7 . . PUNCT 1 punct"""))
    facts = rules.extract(doc)
    forces = [m for m in facts.mentions if m.text == "قوات النظام"]
    assert [m.actor for m in forces] == [str(KGR["actor/syrian_army"])]
    assert facts.actors[forces[0].actor].label_en == "Syrian Armed Forces"


def test_generic_a_rule_folder_brings_its_own_heads_and_counts(tmp_path, conllu_doc):
    """[rules] dir: the folder's generic_actors.yaml and quantities.yaml are the ones read."""
    import shutil

    from kg.extract import RuleSet
    from kg.paths import RULES_DIR

    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    path = folder / "generic_actors.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Gunmen", "en: Armed men"), encoding="utf-8")
    facts = RuleSet.load(folder).extract(conllu_doc(to_conllu(ATTACK)))
    gunmen = facts.actors[generic_actor_iri("inline", "gunmen")]
    assert gunmen.label_en == "Armed men"
    broken = tmp_path / "broken"  # another path: rule files are cached per path
    shutil.copytree(RULES_DIR, broken)
    (broken / "quantities.yaml").write_text("version: [", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        RuleSet.load(broken)
    assert err.value.code == "E352" and "quantities.yaml" in str(err.value)


def test_generic_an_accusative_after_a_nominative_head_is_the_object_not_its_adjective(rules, conllu_doc):
    """"هاجم مسلحون مجهولون مركزا للشرطة" with مركزا parsed as the adjective of مجهولون: an
    adjective agrees in case with its head, so the accusative noun is the verb's object and
    the phrase ends before it."""
    doc = conllu_doc(to_conllu("""
        1 هاجم هاجم VERB 0 root
        2 مسلحون مسلح X 1 nsubj
        3 مجهولون مجهول X 2 nmod
        4 مركزا مركز ADJ 3 amod
        5-6 للشرطة
        5 ل ل ADP 6 case
        6 الشرطة شرطة NOUN 4 nmod
        7 في في ADP 8 case
        8 العريش العريش PROPN 4 nmod S-LOC
        9 . . PUNCT 1 punct
    """))
    labels = sorted(a.label_ar for a in rules.extract(doc).actors.values() if a.sector)
    assert labels == ["الشرطة", "مسلحون مجهولون"]


def test_generic_a_bare_head_given_its_country_by_the_article_keeps_its_own_form_as_a_label(rules, conllu_doc):
    """"الشرطة التركية" and later "عناصر الشرطة": one node, the Turkish police, and the
    article's second name for it is one of its labels, so a search for it finds the node."""
    doc = conllu_doc("""
# text = وقالت الشرطة التركية إن مسلحين هاجموا مركزا .
1 وقالت قال VERB _ _ 0 root _ _
2 الشرطة شرطة NOUN _ _ 1 nsubj _ _
3 التركية تركي ADJ _ _ 2 amod _ _
4 إن إن SCONJ _ _ 6 mark _ _
5 مسلحين مسلح NOUN _ _ 6 nsubj _ _
6 هاجموا هاجم VERB _ _ 1 ccomp _ _
7 مركزا مركز NOUN _ _ 6 obj _ _
8 . . PUNCT _ _ 1 punct _ _

# text = وأصيب اثنان من عناصر الشرطة .
1 وأصيب أصيب VERB _ _ 0 root _ _
2 اثنان اثنان NUM _ _ 1 nsubj _ _
3 من من ADP _ _ 4 case _ _
4 عناصر عنصر NOUN _ _ 2 nmod _ _
5 الشرطة شرطة NOUN _ _ 4 nmod _ _
6 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    police = {m.actor for m in facts.mentions if facts.actors[m.actor].sector == "PoliceSector"}
    assert len(police) == 1
    actor = facts.actors[police.pop()]
    assert actor.label_en == "Police (Turkey)"
    assert {actor.label_ar, *actor.alt_labels_ar} >= {"الشرطة التركية", "عناصر الشرطة"}


def test_generic_a_phrase_that_names_the_state_is_one_of_its_labels(rules, conllu_doc):
    """"قصف النظام السوري أحياء المدينة": the state is the actor (class Country), and the
    article's name for it is one of the country's labels in the article."""
    facts = rules.extract(conllu_doc(to_conllu(PARSES["قصف النظام السوري أحياء المدينة ."])))
    (syria,) = [facts.actors[m.actor] for m in facts.mentions if m.text == "النظام السوري"]
    assert syria.cls == "Country" and "النظام السوري" in syria.alt_labels_ar
