"""Chinese attributions (sentences with Han characters): 王毅表示, 外交部发言人赵立坚说, 据新华社报道."""

from __future__ import annotations

import re

from toolkit.scripts import HAN_RE

# --- Chinese and Russian rules (chosen by the script of the sentence) -------

_HAN = HAN_RE  # toolkit.scripts, the one home of script ranges

#: Chinese verbs of speech ("王毅说", "赵立坚表示"); 说服/说明/说话 and 称赞/称为 are not speech.
ZH_SPEECH_VERBS: tuple[str, ...] = (
    "说", "表示", "指出", "强调", "称", "认为", "宣布", "重申", "透露", "警告", "呼吁",
    "补充说", "回应说", "回应称", "声称", "坦言", "写道", "告诉", "提醒", "介绍说", "谈到", "提到",
)
#: Titles that stand right before a name ("外长王毅", "外交部发言人赵立坚", "总统托卡耶夫").
ZH_TITLES: tuple[str, ...] = (
    "国务委员", "外交部长", "外长", "发言人", "主席", "总统", "总理", "首相", "部长", "大使",
    "秘书长", "总书记", "议长", "防长", "新闻秘书", "特使", "主任", "局长", "司长", "院长",
    "所长", "教授", "研究员", "学者", "专家", "记者", "负责人", "领导人", "参赞", "司令", "顾问",
)
#: Common Chinese surnames that rarely begin an ordinary word: a bare "王毅说" at the
#: start of a clause names 王毅; 高 (高官), 许 (许多), 严 (严正), 白 (白宫) are left out.
ZH_SURNAMES = frozenset(
    "王李张刘陈杨赵吴孙朱胡郭罗梁谢宋唐韩冯邓曹彭曾肖萧蔡蒋杜魏苏吕丁姚沈钟崔谭廖贾傅邹熊孟秦"
    "邱侯尹薛段陶毛郝顾龚邵戴孔汪习耿温翟岳覃赖韦栗蔺郑"
)
#: Two-character words that begin with a surname but are no name ("郑重表示" = "solemnly said").
_ZH_NOT_NAMES = frozenset("郑重 曾经 曾多 韩国 苏联 罗马 孙子 杨树 毛病 顾问 邓小 秦朝 宋代 唐代".split())
#: Endings of institutions (kept whole and never "he" or "she"): 新华社, 外交部, 中方.
_ZH_ORGANISATION_END = re.compile(r"(?:社|部|宫|院|局|处|会|组织|方|台|网|报|署|政府|中心|机构|使馆|办公室)$")
# Adverbs and time words between a name and its verb; never a name themselves.
_ZH_ADVERBS = (
    "也", "还", "则", "又", "都", "均", "再次", "同时", "进一步", "特别", "明确", "多次", "一再",
    "随后", "最后", "坚定", "郑重", "严正", "强烈", "普遍", "一致", "纷纷", "曾", "曾经", "已经",
    "此前", "日前", "近日", "当天", "当日", "同日", "今天", "昨天", "随即", "公开", "积极", "高度",
)
# Characters that never stand inside a name: function words, "兼" of "国务委员兼外长".
_ZH_NOT_IN_NAME = "在同与和对向就将也还则又已于的了是为被把从以及等并但而时中上后前日月年兼其该这那此他她们我你都均议话声报"
_ZH_NAME_CHAR = rf"(?:[^\W\d_A-Za-z{_ZH_NOT_IN_NAME}]|·)"
_ZH_VERB = "(?:" + "|".join(
    {"说": "说(?![服明话])", "称": "称(?![赞为号之])"}.get(v, v) for v in sorted(ZH_SPEECH_VERBS, key=len, reverse=True)
) + ")"
_ZH_ADV = "(?:" + "|".join(sorted(_ZH_ADVERBS, key=len, reverse=True)) + "){0,2}"
_ZH_TITLE = "(?:" + "|".join(sorted(ZH_TITLES, key=len, reverse=True)) + ")"
# "7日在例行记者会上", "在回答记者提问时", "对记者", "接受新华社记者采访时": when, where and to whom,
# between a name and its verb.
_ZH_WHEN_WHERE = (
    r"(?:\d{1,2}日|[一二三四五六七八九十]{1,3}日)?"
    r"(?:[在就][^，。；：！？“”「」『』\s]{1,25}?(?:上|时|中|期间|之际))?"
    r"(?:[对向](?:记者|媒体)|接受[^，。；：！？“”「」『』\s]{1,15}?采访时)?"
)
_ZH_BOUNDARY = r"(?<![^\s，。：；、！？,.:;!?“”「」『』（）()—])"
_ZH_THEN_VERB = rf"{_ZH_WHEN_WHERE}{_ZH_ADV}{_ZH_VERB}"
# A title, then the name: "中国国务委员兼外长王毅表示" (the greedy prefix reaches the last title).
_ZH_TITLED = re.compile(
    rf"{_ZH_BOUNDARY}[\u4e00-\u9fff]{{0,20}}{_ZH_TITLE}(?P<name>{_ZH_NAME_CHAR}{{2,9}}?)(?<!·){_ZH_THEN_VERB}"
)
# A name at the start of a clause: "王毅说", "托卡耶夫表示", "卡瑟姆若马尔特·托卡耶夫指出", "中方认为".
_ZH_BARE = re.compile(
    rf"{_ZH_BOUNDARY}(?P<name>[中俄哈美日韩英法德欧吉乌塔土]方|{_ZH_NAME_CHAR}{{2,12}}?)(?<!·){_ZH_THEN_VERB}"
)
# 据新华社报道, 据外交部发言人赵立坚介绍, 据哈萨克斯坦卫生部发布的数据: "according to".
_ZH_ACCORDING = re.compile(
    r"据(?P<name>[^据，。；：！？“”「」『』\s]{2,20}?)的?(?:报道|称|介绍|消息|透露|表示|说|电|援引|发布|通报)"
)
# Sources of 据 that name nobody: 据报道称, 据外媒报道, 据消息人士透露.
_ZH_UNNAMED_SOURCE = re.compile(r"^(?:报道|了解|悉|统计|一名|一位|有关|相关|当地|多家)|(?:媒体|媒|人士|官员|专家|消息)$")
_ZH_PRONOUN = re.compile(rf"(?<![其吉])(?P<pronoun>他们|她们|他|她){_ZH_THEN_VERB}|据(?P<pronoun2>他|她)(?:介绍|说|称|透露)")
_ZH_UNNAMED = re.compile(
    rf"(?:双方|各方|官员|专家|学者|分析人士|消息人士|知情人士|目击者|居民|民众|发言人|声明|报道|外媒|媒体|评论)"
    rf"{_ZH_THEN_VERB}"
)
_ZH_PERSON_HINT = re.compile(rf"{_ZH_TITLE}|·")
_ZH_PRONOUNS = {"他": "he", "她": "she", "他们": "they", "她们": "they"}


def _zh_bare_name(text: str, name: str) -> bool:
    """True when *name*, standing alone before a verb, is surely a name (see module docstring)."""
    if name in _ZH_ADVERBS or name[:2] in _ZH_NOT_NAMES:
        return False
    if re.fullmatch("[中俄哈美日韩英法德欧吉乌塔土]方", name):  # 中方 "the Chinese side"
        return True
    if "·" in name or (len(name) <= 3 and name[0] in ZH_SURNAMES):
        return True
    # titled elsewhere in the article ("俄罗斯外长拉夫罗夫")
    return any(text.endswith(ZH_TITLES, 0, m.start()) for m in re.finditer(re.escape(name), text))


def _chinese_names(text: str, s_start: int, s_end: int):
    """Yield (start, name start, name, end) of each Chinese attribution in text[s_start:s_end].

    The name is ``""`` for a source that names nobody (据外媒报道).
    """
    for match in _ZH_TITLED.finditer(text, s_start, s_end):
        if match.group("name") not in _ZH_ADVERBS:
            yield match.start(), match.start("name"), match.group("name"), match.end()
    for match in _ZH_BARE.finditer(text, s_start, s_end):
        if _zh_bare_name(text, match.group("name")):
            yield match.start(), match.start("name"), match.group("name"), match.end()
    for match in _ZH_ACCORDING.finditer(text, s_start, s_end):
        source, pos = match.group("name"), match.start("name")
        if re.match("(?:了解|悉|统计)", source):  # "it is understood", "statistics show"
            continue
        titled = re.search(rf"{_ZH_TITLE}(?P<name>{_ZH_NAME_CHAR}{{2,9}})$", source)
        if titled:
            source, pos = titled.group("name"), pos + titled.start("name")
        elif _ZH_UNNAMED_SOURCE.search(source) or re.search(_ZH_TITLE + "$", source):
            source = ""
        yield match.start(), pos, source, match.end()
