"""How reports phrase their figures in prose: the catalogue, as data.

Each entry names a metric (metrics.md), its unit, how to choose among several mentions, and the
phrasings seen in real reports (report-format.md §5 and the shared corpus). In a pattern:
  {N}  a number (Arabic, Chinese numerals, 万, approximators 余/多/近/约)
  {G}  a gap inside one clause (no , 。 ; :), up to 60 characters
  {g}  a short gap inside one clause, up to 12 characters
  {H}  a gap inside one clause holding no digit, up to 40 characters
  {Q}  an optional quotation mark
A pattern with a `zero` value matches a sentence saying there was none (未收到…申请): the figure
is 0 and its raw text is the phrase.

`pick`: `first` mention in the document, or `max` (the proactive total is the largest count a
report gives of what it published: the channels and categories that follow are parts of it).
`prefer`: words that make one mention outrank the others (see the field).
`unit_by_template`: metrics whose name depends on the table layout (新制定规范性文件 is
`.made` in the 2019 layout, `.issued` in 2021).

`triggers`: a sentence holding none of a metric's triggers is not tried for it. Beyond that,
the words each pattern needs (收到…申请, a unit after the number) are read off the pattern
itself by prose.py: there is no second list to keep in step here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProseMetric:
    metric: str
    unit: str
    patterns: tuple[str, ...]
    pick: str = "first"  # first | max
    zero_patterns: tuple[str, ...] = ()
    # Words that, inside the same clause, mean the number is about something else.
    exclude: tuple[str, ...] = ()
    # Words that anywhere in the sentence do (县长信箱收到信件238件，办结99件: the mailbox's).
    exclude_sentence: tuple[str, ...] = ()
    breakdown: str = "total"  # applicant type, for table-3 metrics stated by applicant in prose
    # The number counts only where the last of these words before it in its sentence (the
    # pieces cut at ; included) is from `context`, not `context_not`: 行政复议8宗，其中：维持5宗；
    # 纠正2宗 — outcomes whose kind (review or lawsuit) was named earlier.
    context: tuple[str, ...] = ()
    context_not: tuple[str, ...] = ()
    # A count of what there is (staff, offices; requests carried over from the year before), not
    # of what happened in the report's year: a sentence naming another year does not rule it out.
    stock: bool = False
    by_template: dict[str, str] = field(default_factory=dict)  # layout → metric name
    templates: tuple[str, ...] = ()  # only in reports of these templates (empty: all)
    # Cheap pre-test: a sentence holding none of these words is not tried (keeps prose fast).
    triggers: tuple[str, ...] = ()
    # With pick=max: a mention whose phrase holds one of these words beats any that does not
    # (发布信息4583条，其中主动公开政府信息2107条: what was published includes what was not
    # disclosed proactively; the count the report calls 主动公开 is the metric).
    prefer: tuple[str, ...] = ()


_CHANNELS = ("微信", "微博", "公众号", "新媒体", "头条", "抖音", "客户端", "解读", "回应(?!关切[^,。;]{0,10}?等)", "留言", "信件",
             "咨询", "访谈", "依申请", "申请", "不予公开", "视频")

# A count before a review outcome (其中2宗维持原答复): written in digits, so matched as digits,
# which is much cheaper than trying the full number grammar at every character of a sentence.
_DIGITS_FIRST = r"(?<![\d.])(?P<n>\d+)"
_OUTCOME_FIRST = _DIGITS_FIRST + r"(?:件|宗|起|个|条)"

# Request outcomes stated in prose, each phrase up to its number (the unit follows):
# (metric, pattern, exclude, triggers).
_REQUEST_OUTCOMES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("requests.granted", r"(?:予以|(?<!不)同意)(?:全部)?公开(?![及和、与或]){Q}(?:答复)?(?:的)?(?:件数|数量|数)?(?:为|有)?{N}", (),
     ("予以公开", "同意公开", "同意全部公开")),
    ("requests.partly_granted", r"(?<![及和与或])(?<![^件条]、)部分公开{Q}(?:答复)?(?:的)?(?:件数|数量|数)?(?:为|有)?{N}", (),
     ("部分公开",)),
    ("requests.withheld", r"(?:不予|不同意)公开{Q}(?:答复)?(?:的)?(?:件数|数量)?(?:为|有)?{N}", ("信息有",),
     ("不予公开", "不同意公开")),
    ("requests.unavailable", r"无法提供{Q}(?:的)?(?:件数|数量)?(?:为|有)?{N}", (), ("无法提供",)),
    ("requests.unavailable.not_held", r"不掌握(?:相关)?(?:政府)?信息{g}{N}", (), ("不掌握",)),
    # the old statistics form's words for the same (申请信息不存在4件)
    ("requests.unavailable.not_held", r"(?<!由于)(?<!因)(?:申请)?信息不存在{Q}(?:的)?(?:件数|数量|数)?(?:为|有)?{N}", (), ("信息不存在",)),
)

_APPLICANTS = (("自然人", "natural_person"), ("商业企业", "business"), ("科研机构", "research"),
               ("社会公益组织", "social_org"), ("法律服务机构", "legal_service"))
_ALL_FROM = r"(?:申请(?:主体|人)(?:均|全部)?|全部|均)(?:为|是|系)?"

_INFORMATION_MADE = r"(?:制作|制发|产生)(?:了)?(?:各类)?(?:政府)?信息(?:总数|总量)?(?:共计|共|为)?\d"

# The table's reasons for withholding or not handling a request, as prose names them:
# (metric, the words before the count, the trigger word).
_REQUEST_REASONS: tuple[tuple[str, str, str], ...] = (
    ("requests.withheld.state_secret", "国家秘密", "国家秘密"),
    ("requests.withheld.prohibited_by_law", "(?:法律行政法规|法律法规)禁止公开", "禁止公开"),
    ("requests.withheld.third_party", "第三方合法权益", "第三方"),
    ("requests.withheld.security_stability", "三安全一稳定", "稳定"),
    ("requests.withheld.internal_affairs", "内部事务", "内部事务"),
    ("requests.withheld.process_info", "过程性", "过程性"),
    ("requests.withheld.enforcement_files", "行政执法案卷", "执法案卷"),
    ("requests.withheld.admin_query", "行政查询事项", "行政查询"),
    ("requests.not_handled.complaint", "信访举报投诉", "信访"),
    ("requests.not_handled.duplicate", "重复申请", "重复申请"),
    ("requests.not_handled.publication", "公开出版物", "出版物"),
    ("requests.not_handled.excessive", "大量反复", "大量反复"),
    ("requests.not_handled.confirmation", "(?:确认或)?重新出具", "重新出具"),
    ("requests.other_handling.unpaid_fee", "(?:逾期)?未按收费通知(?:要求)?缴纳费用", "缴纳费用"),
)

CATALOGUE: list[ProseMetric] = [
    ProseMetric(
        "proactive.items", "条",
        (
            r"(?:主动公开|公开|发布|公布|制作|上传|更新|推送|新增)(?:了)?{G}信息(?:的)?(?:\([^()\d]{1,12}\))?(?:、[^,。;:、\d]{1,6}){0,2}(?:发布|公开)?(?:总数|总量|件数|条数|数量|数|共计|合计|总计|共|达到|达|有|为|量为){0,2}{N}(?:条|件|篇|项|份|次)",
            # 主动公开166条 (the verb alone: only the term itself; not 网站信息主动公开42条)
            r"(?<!信息)主动公开(?:共计|共|总计|合计)?{N}条",
            r"(?:主动公开|公开|发布)(?:各类|政府|政务)?(?:信息)?(?:共计|合计|总计|共){N}(?:条|件)",
            r"(?:总计|合计|共计)(?:发布|公开)?(?:信息)?{N}条",
            # 全镇政府信息公开566条, 我镇信息主动公开292条 (the subject's own words for what it
            # published; not a channel's: 行政网站信息主动公开42条)
            # (the pattern opens with 信息 so that the regex engine can skip to it)
            r"信息(?<!网站信息)(?<!平台信息)(?<!微信信息)(?<!微博信息)(?<!媒体信息)(?<!公众号信息)(?<!网站政务信息)"
            r"(?:主动)?公开(?:共计|共|总计|合计)?{N}条",
            # a long list of topics before the count (主动公开各类规划、…、三大攻坚战等领域信息共1777条)
            r"(?:主动公开|公开|发布)(?:了)?[^,。;:!?]{0,200}?等(?:领域|方面)?(?:各类)?(?:工作|政府|政务)?信息(?:共计|共|合计|总计)?{N}条",
            # the year's new items after a running total (…共主动公开政府信息615条,今年新增94条)
            r"(?:今年|本年度?|当年)新增(?:主动公开)?(?:的)?(?:政府|政务)?(?:信息)?{N}条",
            # 全年公示总数达44条 (the total without its noun)
            r"(?:主动)?(?:公开|公示|发布)(?:信息)?(?:总数|总量)(?:达到|达|为|共)?{N}条",
            # what was published of what was made: 共制发政府信息130件,其中主动公开18件
            r"其中[,:]?主动公开(?:政府)?(?:信息|文件)?(?:数|数量)?(?:为|有)?{N}(?:条|件)",
            # 网站信息发布总数为3.5万条
            r"信息(?:的)?(?:主动)?(?:发布|公开)(?:总数|总量|数量)(?:为|达|共)?{N}(?:条|件|篇)",
            # the number before the noun: 主动公开186条政府信息
            r"(?<!不予)(?<!予以)(?<!部分)(?:主动公开|公开|发布|公布|发送|推送|主动公示)(?:了)?(?:的)?(?:各类)?{N}(?:条|篇|份)(?:各类)?(?:主动公开)?(?:政府|政务)?信息",
            # a department's items sent to the government's website for publication (向市政府网站报送信息8条)
            r"向[^,。;:]{0,12}?(?:网站|平台)报送(?:了)?(?:各类|政务|政府)?信息(?:共计|共)?{N}(?:条|篇)",
            # documents as the items: 主动公开文件89条 (not 规范性文件, counted in 件)
            r"主动公开(?:政府|各类)?文件(?:共计|共)?{N}条",
        ),
        pick="max", prefer=("主动公开",),
        exclude=_CHANNELS + ("较", "同比", "比上年", "累计.*?以来", "(?:行政许可|行政处罚|双公示)(?:类)?信息"),
        triggers=("信息", "总计", "合计", "共计", "主动公开", "总数")),
    ProseMetric(
        "proactive.consultations", "次",
        (
            r"征求{g}意见(?:建议)?(?:共|累计)?{N}(?:次|件|个|期|项|篇)",
            r"意见征集(?:活动)?(?:数|数量)?(?:共|为)?{N}(?:次|个|期|件|项|条)",
            r"征集(?:了)?{g}意见(?:建议)?(?:共|累计)?{N}(?:次|期|项)",
            r"征集调查(?:活动)?{g}(?:共)?{N}(?:次|期|个|项)",  # 开展征集调查并公布调查结果8期
            r"调查征集(?:活动)?(?:共)?{N}(?:次|期|个|项)",
            r"民意征集(?:活动)?(?:[和及与](?:网上)?调查)?(?:共)?{N}(?:次|期|个|项|件)",
        ), triggers=("征",)),
    ProseMetric(
        "proactive.press_conferences", "次",
        (
            r"(?:召开|举办|举行|组织)(?:了)?{g}新闻发布(?:会|活动){g}(?:共计|共|累计)?{N}(?:场|次)",
            r"(?:召开|举办|举行|组织|发布|参与|牵头或参与)(?:了)?{N}(?:场|次){g}新闻发布(?:会|活动)",
            r"新闻发布会(?:共)?{N}(?:场|次)",  # an item of a list (政策解读442件、新闻发布会49场)
        ),
        # (参加或举办新闻发布会21次, the statistics form's wording, counts them)
        exclude=("人次", "出席", "(?<![/或])参加(?!或举办)"), triggers=("发布会", "发布活动")),
    ProseMetric(
        "proactive.interpretations", "条",
        (
            r"(?:发布|制作|推出|开展)(?:了)?{g}(?:政策)?解读(?:信息|材料|稿件|稿|件|文章|文件|产品)?(?:总量|总数|数量)?(?:共计|共|达到|达|为)?{N}(?:条|篇|件|期|个|份|次)",
            # a bare 政策解读 with its count, listed among what was published (政策文件89条，政策解读22条);
            # not 文件及解读信息66条 (documents and interpretations together)
            r"(?<![及和与])(?<![及和与]政策)(?<![^条件篇期个]、)(?:政策解读(?:信息|材料|稿件|稿|文章|文件)?|解读(?:信息|材料|稿件|稿|文章|文件))(?:数量|数)?(?:共计|共|为)?{N}(?:条|篇|件|份|次)",
            # 解读 as the verb: 主动解读政策文件2件
            r"(?:主动)?解读(?:了)?[^,。;:、及和与]{0,6}?(?:政策文件|政策|文件)(?:共计|共)?{N}(?:条|篇|件|份|个)",
            # 行政规范性文件解读类信息18条
            r"解读类(?:信息|文章|稿件)?(?:共计|共)?{N}(?:条|篇|件|份)",
            # the noun before the verb: 解读信息发布152条
            r"(?<![及和与、])(?:政策)?解读(?:信息|材料|稿件|文章)(?:发布|推出)(?:总数|数量)?(?:共计|共|为)?{N}(?:条|篇|件|份)",
            # the count before the noun: 其中包括7条政策解读
            _DIGITS_FIRST + r"(?:条|篇)(?:政策)?解读(?:信息|材料|稿件|文章)?(?!率)",
        ),
        exclude=("解读率",), triggers=("解读",)),
    ProseMetric(
        "org.bodies", "个",
        (
            r"(?:政府信息公开|信息公开|政务公开)(?:专门的?)?(?:工作)?(?:机构|主体){g}(?:有|共|达)?{N}(?:个|家)",
        ),
        exclude=("查阅", "受理点"), stock=True, triggers=("机构", "主体")),
    ProseMetric(
        "org.staff.parttime", "人",
        (
            r"{N}名兼职(?:工作)?人员",
            # 2名兼职干部, 1名教育政务信息公开工作兼职干部 (what they do between the count and 兼职)
            r"{N}名[^,。;:\d、专]{0,14}?兼职(?:工作)?(?:人员|干部)",
            r"{N}名(?:工作人员|同志|干部)(?:作为|为|担任)兼职",
            r"{N}名[^,。;:\d]{0,8}?人员兼职",
            r"(?<!专、)(?<![专(/])兼职(?:信息公开|政务公开|信息)?(?:工作)?(?:人员)?(?:共|有|为)?{N}(?:人|名)",
            # one of a pair: 26名兼职、1名专职工作人员
            r"{N}名兼职(?:人员)?[、和及与]{g}名(?:专职|全职)",
            r"名(?:专职|全职)(?:人员)?[、和及与]{N}名兼职",
        ), stock=True, triggers=("兼职",)),
    ProseMetric(
        "org.staff.fulltime", "人",
        (
            r"{N}名[^,。;:\d、兼]{0,14}?(?:专职|全职)(?:工作人员|人员|干部)",
            r"{N}名(?:工作人员|同志|干部)(?:作为|为|担任)(?:专职|全职)",  # 明确1名工作人员作为专职信息公开员
            r"(?:专职|全职)(?:信息公开|政务公开|信息)?(?:工作)?(?:人员)?(?:共|有|为)?{N}(?:人|名)",
            # one of a pair: 1名专职、26名兼职工作人员
            r"{N}名(?:专职|全职)(?:人员)?[、和及与]{g}名兼职",
            r"名兼职(?:人员)?[、和及与]{N}名(?:专职|全职)",
        ), stock=True, triggers=("专职", "全职")),
    ProseMetric(
        "org.staff", "人",
        (
            r"从事{g}(?:政府信息公开|信息公开|政务公开){g}人员(?:有|共|共有|达)?{N}(?:人|名)",
            # …负责局政务信息公开工作,从事人员1人
            r"(?<=信息公开工作,)从事(?:该项工作的)?人员(?:有|共)?{N}(?:人|名)",
            r"(?:配备|配齐|共有|现有|落实|明确|安排)(?:了)?(?:专兼职|专、兼职|专\(兼\)职)(?:工作)?人员(?:共)?{N}(?:人|名)",
            r"{N}(?:名|位)(?:专、兼职|专兼职|专\(兼\)职|专职和兼职)(?:工作)?人员",
            # 明确4名工作人员,…具体承担政府信息公开的日常工作
            r"(?:配备|明确|安排|确定|指定|由)(?:了|有)?{N}(?:名|位)(?:专兼职|具体)?(?:[^,。;:\d专兼全]{0,4}?人员|同志)[^。;]{0,40}?(?:信息公开|政务公开)",
            r"(?:配备|明确|安排|确定|指定)(?:了|有)?{N}(?:名|位)(?:政府信息公开|信息公开|政务公开)(?:工作)?人员",
            # 配备政府信息公开专、兼职工作人员109人
            r"(?:政府信息公开|信息公开|政务公开)(?:专兼职|专、兼职|专\(兼\)职)?(?:工作)?人员(?:共|有)?{N}(?:人|名)",
        ), stock=True, triggers=("人员", "同志")),
    ProseMetric("org.budget", "万元", (r"专项经费{g}{N}万元",), triggers=("经费",)),
    ProseMetric(
        "requests.new", "件",
        (
            r"(?:收到|受理|办理|接收|接受|接到|新收|登记|发生)(?:了)?{G}(?:政府信息公开|公开政府信息|依申请公开|依申公开|依申请|信息公开|申请公开)(?:的)?{g}(?:申请|请求|件)?(?:共计|合计|共|总计|数|数量)?(?:为)?{N}(?:件|条|宗|份|起|个|次|项|例)"
            # (not a count that goes on to include last year's: …69件,含2023年转至今年办理的3件)
            r"(?![,(](?:含|包括|包含)[^,。)]{0,12}(?:结转|转结|转至今年|转入今年))",
            r"(?:收到|受理|接到)(?:了)?{N}(?:件|起|宗|份|个|条)(?:政府信息|信息)?(?:依申请公开(?:请求|申请)?|公开申请|信息公开申请|申请)",
            r"(?:依申请公开|政府信息公开申请)(?:事项|件)?(?:共)?(?:受理|办理|收到)(?:了)?{N}(?:件|条|宗|份)",
            # 全年依申请公开数0件 (not 处理政府信息依申请公开92件, which holds last year's too)
            r"(?<!信息)(?<!办结)(?<!答复)(?<!回复)依申请公开(?:数|数量|件数)?(?:共|为)?{N}件",
            # 收到申请总数为1起, 接收到申请书55份 (in a disclosure report, the requests)
            r"(?:收到|接收到|接到|受理)(?:的)?申请(?:书)?(?:总数|数量|共计|共)?(?:为)?{N}(?:件|起|宗|份|个|条)",
            # a zero with its unit left out (共受理政府信息公开申请0。)
            r"(?:收到|受理|接到|接收)(?:了)?{g}(?:政府信息公开|依申请公开|信息公开)(?:的)?(?:申请|事项)(?:数|数量|总数)?(?:共|为)?(?P<n>[0零])(?![\d.件条])",
            # the total after the ways of applying (收到网上申请105件,快递17件,合计122件)
            r"(?:收到|受理|接到|接收)[^。;]{0,30}?申请[^。;]{0,40}?,(?:合计|共计|总计)(?:为)?{N}件",
            # the requests of one way of applying, when the sentence counts no other (收到当面申请数30件)
            r"(?:收到|接收到|接到|受理)(?:的)?(?:当面|网上|网络|信函|电子邮件|邮寄|传真)申请(?:数|数量)?(?:共计|共)?(?:为)?{N}件"
            r"(?![^。;]{0,40}?(?:当面|网上|网络|信函|电子邮件|邮件|邮寄|传真)(?:申请|提出))",
        ),
        zero_patterns=(
            r"(?:未|没有)(?:收到|接收到|接到|受理){G}(?:政府信息公开|依申请公开|信息公开)(?:的)?(?:申请|请求|事项)",
            r"无(?:政府信息公开|依申请公开)(?:申请|事项|件)",
        ),
        # 共办理申请114件（含上年结转18件）: a total that includes last year's requests
        # …121件(其中本年度新收申请数112件,上年结转申请数9件): the new ones are the bracket's
        exclude=("历年累计", "复议", "诉讼", "信件", "热线", "留言", "(?<!不)含[^,。]{0,12}(?:结转|转结|转至今年|转入今年)", "协助", "督促", "委托",
                 "公开答复", "申请答复", "并答复",
                 "\\(其中[^()]{0,6}新收", "\\(其中[^()]{0,8}(?:上年|上一年|20\\d\\d年)(?:度)?(?:结转|转结)"),
        triggers=("申请", "公开")),
    # 处理政府信息依申请公开92件,其中,本年度新接收91件: the year's new requests, the noun left out
    ProseMetric("requests.new", "件", (r"(?:本年度|本年|今年)?新(?:接收|收到|受理|收)(?:的)?(?:政府信息公开)?(?:申请)?(?:数量|数)?(?:为)?{N}(?:件|宗|份)",),
                context=("申请",), context_not=("复议", "诉讼"), triggers=("新接收", "新收到", "新受理", "新收")),
    # Requests by applicant (其中自然人12件，商业企业3件), after the requests were named.
    *(ProseMetric("requests.new", "件", (rf"{word}(?:申请|提出)?(?:的)?(?:申请)?(?:件)?(?:共|为)?{{N}}(?:件|宗|份)",),
                  breakdown=breakdown, context=("申请",), context_not=("复议", "诉讼"), triggers=(word,))
      for word, breakdown in _APPLICANTS),
    # all from one kind of applicant, the requests named in the phrase: 受理36件政府信息公开申请(均为
    # 自然人提交), 5件(全部为自然人申请), 5件,均为自然人网上申请, 1件,申请主体为自然人
    *(ProseMetric("requests.new", "件", (
        _DIGITS_FIRST + rf"(?:件|宗|项)(?:政府信息公开|依申请公开)?申请[,(]{_ALL_FROM}{word}",
        _DIGITS_FIRST + rf"(?:件|宗|项)[,(]{_ALL_FROM}{word}[^,。;)]{{0,4}}?申请",
        _DIGITS_FIRST + rf"(?:件|宗|项),申请(?:主体|人)(?:均|全部)?(?:为|是|系){word}",
        _DIGITS_FIRST + rf"(?:件|宗|项)(?:属于?|为|系){word}(?:申请|提出|提交)"),
                  breakdown=breakdown, exclude=("复议", "诉讼"), triggers=(word,))
      for word, breakdown in _APPLICANTS),
    # 其他 is the table's other-organisation column only in a list of applicant types
    ProseMetric("requests.new", "件", (r"(?<![及和与或])其他(?:组织)?(?:申请)?(?:共|为)?{N}(?:件|宗|份)",),
                breakdown="other_org", context=("自然人", "商业企业", "科研机构", "法律服务机构"),
                context_not=("复议", "诉讼", "予以公开", "不予", "无法提供"),
                triggers=("自然人", "商业企业", "科研机构", "法律服务机构")),  # its context: 其他 alone is everywhere
    ProseMetric(
        "requests.processed", "件",
        (
            r"(?<![未不])(?<!同意公开)(?<!予以公开)(?<!部分公开)(?:已答复|答复|办结|已办结|已回复|回复)(?:处理)?(?:件数|总数)?(?:为|共)?{N}(?:件|份|宗|个)",
            r"(?<![未不])(?:已经|已)(?:答复|办结|回复)(?:了)?的{N}(?:件|宗)",
            r"(?<!其余){N}件(?:申请)?{H}(?:予以答复|已答复|已办结|办理完毕|完成答复)",
            # the verb with its object: 答复政府信息公开申请98件, 共处理政府信息公开申请1件
            r"(?<![未不])(?:答复|办结|处理)(?:了)?(?:各类)?(?:政府信息公开|依申请公开|信息公开)?(?:申请|件)(?:共计|共)?{N}(?:件|宗)",
            r"(?<![未不])(?:答复|办结)(?:了)?依申请公开(?:政府信息)?(?:共计|共)?{N}(?:件|个|项)",
            # handled, right after the requests received (收到依申请公开16项,办理15项)
            r"(?<=[件项个],)(?:依法)?(?:已)?办理(?:完毕|完结)?(?:了)?(?:政府信息公开|依申请公开)?(?:申请)?{N}(?:件|项|个)",
        ),
        # 延期办结8件 is a part of what was processed, not the whole
        exclude=("其余", "信件", "热线", "留言", "复议", "诉讼", "延期", "顺延", "建议", "提案", "协查", "协助", "配合"),
        exclude_sentence=("信箱", "来信(?!申请)", "信件(?!申请)", "热线", "留言"),
        triggers=("答复", "回复", "办结", "办理", "处理")),
    # requests answered, counted in 条 as some reports count them, after the requests were named
    # (收到依申请公开政府信息2条,办结2条)
    ProseMetric("requests.processed", "件", (r"(?<![未不])(?:已答复|答复|办结|已办结)(?:件数|总数)?(?:为|共)?{N}条",),
                context=("申请",), context_not=("复议", "诉讼", "咨询", "留言", "信件", "来信"),
                exclude=("其余", "延期", "顺延", "建议", "提案"), triggers=("答复", "办结")),
    # The outcomes of requests, counted in 件; in 条 too, as some reports count requests
    # (收到依申请公开政府信息3条,其中予以公开1条), but only after the requests were named, since
    # 予以公开信息N条 elsewhere counts published items.
    # Not in a sentence counting the information made (共制发政府信息130件,其中主动公开18件,不予公开
    # 112件: documents withheld from publication).
    *(ProseMetric(metric, "件", (pattern + unit,), exclude=exclude, triggers=triggers,
                  exclude_sentence=(_INFORMATION_MADE,),
                  **({"context": ("申请",), "context_not": ("复议", "诉讼")} if unit != "件" else {}))
      for metric, pattern, exclude, triggers in _REQUEST_OUTCOMES for unit in ("件", "条", "个")),
    ProseMetric("requests.unavailable.needs_creation", "件",
                (r"(?<![及和与或、])(?:没有现成信息|需(?:要)?另行制作){g}{N}件",), triggers=("现成", "另行制作")),
    ProseMetric("requests.unavailable.unclear", "件", (r"(?<![及和与或、])(?<![及和与或、]申请)(?:申请)?内容不明确{g}{N}件",),
                triggers=("不明确",)),
    # 不予公开 and 不予处理 by reason, as the table's items name them (属于四类过程性信息1件,
    # 不予公开(三类内部事务信息)2条); not a count of several reasons together (信访举报投诉类申请及
    # 重复申请等不予处理3件: the group's only)
    *(ProseMetric(metric, "件", (rf"(?<![及和与或、]){word}{{g}}{{N}}(?:件|条)",
                                 _DIGITS_FIRST + rf"件(?:为|系)?(?:属于)?[^,。;、\d]{{0,6}}?{word}"),
                  exclude=("等不予",), triggers=(trigger,))
      for metric, word, trigger in _REQUEST_REASONS),
    # the outcome after its count: 4件为不予公开,1件为不予处理
    # (答复…申请1件,为部分公开: the one request's; not 收到申请5件,为予以公开3件)
    # (其中8件已公开;6件部分公开;2条本机关不掌握相关政府信息)
    *(ProseMetric(metric, "件", (_DIGITS_FIRST + f"(?:件|项|条)(?:,?(?:(?:均|全部|都)(?:为)?|为))?(?:因|系|属于?)?{word}(?![^,。;]{{0,3}}\\d)",),
                  context=("申请",), triggers=triggers)
      for metric, word, triggers in (
          ("requests.granted", "(?:予以公开|已公开)", ("予以公开", "已公开")),
          ("requests.partly_granted", "部分公开", ("部分公开",)), ("requests.withheld", "不予公开", ("不予公开",)),
          ("requests.unavailable", "无法提供", ("无法提供",)), ("requests.not_handled", "不予处理", ("不予处理",)),
          ("requests.unavailable.not_held", "(?:本机关|[^,。;\\d]{0,4}?)不掌握", ("不掌握",)))),
    ProseMetric("requests.not_handled", "件", (r"不予处理{Q}(?:的)?(?:件数|数量)?(?:为|有)?{N}件",), triggers=("不予处理",)),
    ProseMetric("requests.other_handling", "件", (r"其他处理{Q}(?:的)?(?:件数|数量)?(?:为|有)?{N}件",), triggers=("其他处理",)),
    ProseMetric(
        "requests.carried_forward", "件",
        (
            r"{N}(?:件|份)(?:申请)?{g}(?:结转|转结|转)(?:到|至)?(?:下(?:一)?年|20\d\d年)",
            r"(?:结转|转结|转)(?:到|至)?下(?:一)?年(?:度)?(?:继续)?(?:办理)?(?:的)?(?:政府信息公开)?(?:申请)?(?:共|为)?{N}(?:件|份|宗|项)",
            r"顺延(?:至|到)下(?:一)?年(?:度)?(?:继续)?(?:答复|办理)?(?:的)?{N}件",
            r"(?:结转|转结)(?:(?:到|至)20\d\d年(?:度)?|20\d\d年(?:度)?(?=继续|办理))(?:继续)?(?:办理)?(?:的)?{N}件",
        ),
        # (stock: the year it is carried into is named, 结转至2024年办理1件)
        zero_patterns=(r"无(?:下年度|下一年度)?结转",), stock=True, triggers=("结转", "转结", "转下", "顺延")),
    # requests still being handled when the year ended (已回复126件,7件正在办理中)
    ProseMetric(
        "requests.carried_forward", "件",
        (_DIGITS_FIRST + r"件(?:申请)?(?:仍|尚)?(?:正在|在)办理(?:中)?",),
        context=("申请",), context_not=("复议", "诉讼"), stock=True, triggers=("办理",)),
    ProseMetric(
        "requests.carried_over", "件",
        (
            r"上(?:一)?年(?:度)?(?:结转|转结)(?:的)?(?:政府信息公开)?(?:申请)?(?:办理)?(?:数量|数)?(?:共|为)?{N}(?:件|条)",
            r"(?:结转|转结)上(?:一)?年(?:度)?(?:的)?(?:政府信息公开)?(?:申请)?(?:数量|数)?(?:为|共)?{N}件",
            r"(?:结转|转结)上(?:一)?年(?:度)?(?:的)?(?:政府信息公开)?(?:申请)?(?:数量|数)为(?P<n>[0零])(?![\d.])",
            # 2020年结转办理1件 (in 2021's report; the year is the one it was carried from)
            r"20\d\d年(?:度)?(?:结转|转结)(?:办理|的)?(?:政府信息公开|依申请公开)?(?:申请)?{N}件",
            # 共办理申请114件（含2019年结转18件）
            r"(?:含|包括|包含)(?:20\d\d年|上年|上一年)(?:度)?(?:结转|转结|转至今年|转入今年)(?:办理)?(?:的)?(?:申请)?{N}(?:件|宗)",
            r"{N}件(?:为|系|是)(?:20\d\d年|上年|上一年)(?:度)?(?:结转|转结)",
        ),
        zero_patterns=(r"无上(?:一)?年(?:度)?结转",), stock=True, triggers=("结转", "转结", "转至今年", "转入今年")),
    ProseMetric(
        "reviews.total", "件",
        (r"(?:行政复议|复议)(?:案件|案|申请)?(?:数|数量)?(?:共|为)?{N}(?:件|起|宗|个|项|条)",
         # one zero for both (产生行政复议及行政诉讼0件)
         r"(?:行政复议|复议)(?:案件)?[及和与、](?:提起)?(?:行政诉讼|诉讼)(?:[和及与、]申诉)?(?:案件)?(?:数量|数)?(?:均|都|共|各)?(?:为)?(?P<n>[0零])(?:件|起|宗|个|项|条)"),
        zero_patterns=(
            r"(?:未|没有)(?:发生|出现|收到|接到|产生|有)(?!经){g}(?:(?:行政)?诉讼[和及、与或])?(?:行政复议|复议)(?!后)",
            r"无{g}(?:行政复议|复议)",
        ), triggers=("复议",)),
    # all of them upheld: 行政复议1件,结果维持 (the count is the upheld one's)
    ProseMetric("reviews.upheld", "件",
                (r"(?:行政复议|复议)(?:案件|申请)?(?:共|为)?{N}(?:件|起|宗|个|项|条)[,]?(?:结果|均|全部|都)(?:为|已|被|获)?(?:予以)?维持",),
                triggers=("维持",)),
    # a review still open at the year's end: 信息公开类行政复议1起,正在办理中
    ProseMetric("reviews.pending", "件",
                (r"(?:行政复议|复议)(?:案件|申请)?(?:共|为)?{N}(?:件|起|宗|个|项)[,]?(?:目前|尚|仍)?(?:正在办理|正在审理|尚未审结|尚未办结)",),
                triggers=("正在办理", "正在审理", "尚未审结", "尚未办结")),
    # Review outcomes stated in prose after the reviews were named (行政复议5宗,其中2宗维持原答复,
    # 1宗结果纠正,1宗其他结果,1宗尚未审结).
    *(ProseMetric(f"reviews.{outcome}", "件",
                  (rf"(?:{'|'.join(words)}){{g}}{{N}}(?:件|宗|起|个)", _OUTCOME_FIRST + rf"{{g}}(?:{'|'.join(words)})"),
                  context=("复议",), context_not=("诉讼", "起诉"), triggers=words)
      for outcome, words in (("upheld", ("维持",)), ("corrected", ("纠正", "纠错")), ("other", ("其他结果",)),
                             ("pending", ("尚未审结", "尚未办结", "正在办理")))),
    ProseMetric(
        "lawsuits.total", "件",
        (r"(?:行政诉讼|诉讼)(?:案件|案)?(?:数|数量)?(?:共|为)?{N}(?:件|起|宗|个|项|条)",
         r"(?:行政诉讼|诉讼)[和及与、]申诉(?:案件)?(?:均|都|共|各)?(?:为)?(?P<n>[0零])(?:件|起|宗|个|项)",
         r"(?:行政诉讼|诉讼)(?:案件)?[及和与、](?:申请)?(?:行政复议|复议)(?:案件)?(?:数量|数)?(?:均|都|共|各)?(?:为)?(?P<n>[0零])(?:件|起|宗|个|项)"),
        zero_patterns=(
            r"(?:未|没有)(?:发生|出现|收到|接到|产生|有)(?!经){g}(?:行政复议|复议)?[、和及或]?(?:提起)?(?:行政)?诉讼",
            r"无{g}(?:行政诉讼|诉讼)",
        ),
        # (经复议后起诉的行政诉讼0件 is one kind's: see lawsuits.after_review.total)
        exclude=("(?:复议后|未经(?:行政)?复议)[^,。;]{0,6}?(?:起诉|诉讼)",), triggers=("诉讼",)),
    # the two kinds of lawsuit, when prose names them (其中未经复议直接起诉2件…复议后起诉1件)
    ProseMetric("lawsuits.direct.total", "件", (r"未经(?:行政)?复议(?:直接)?(?:提起)?(?:行政)?(?:起诉|诉讼)(?:的)?(?:案件)?(?:共|为)?{N}(?:件|起|宗|个)",),
                triggers=("未经",)),
    ProseMetric("lawsuits.after_review.total", "件", (r"(?<!未经)(?<!未经行政)复议后(?:提起)?(?:行政)?(?:起诉|诉讼)(?:的)?(?:行政诉讼)?(?:案件)?(?:共|为)?{N}(?:件|起|宗|个)",),
                triggers=("复议后",)),
    ProseMetric(
        "normative_docs.made", "件",
        (
            r"(?:新制定|新制作|制定|制发|出台|印发|新发布)(?:了)?(?:并?(?:发布|公布|印发))?(?:行政)?规范性文件(?:共)?{N}(?:件|个|份|篇)",
            # 制发的省政府规章2件、省政府及省政府办公厅行政规范性文件2件
            r"(?:制定|制发|出台|印发|新发布)(?:并(?:公开|发布|公布))?的[^,。;]{0,30}?(?:行政)?规范性文件(?:共)?{N}(?:件|个|份)",
            # the verb's list going on after the rules: 制定发布规章6部,行政规范性文件181件
            r"(?:新制定|制定|制发|出台|印发)(?:了)?(?:并?(?:发布|公布|印发))?(?:政府)?规章\d+(?:件|个|部)[,、和及](?:行政)?规范性文件(?:共)?{N}(?:件|个|份)",
        ),
        by_template={"2021": "normative_docs.issued"},
        exclude=("清理", "现行有效", "废止"), triggers=("规范性文件",)),
    # repealed and in force after the documents were named (制发行政规范性文件12件,废止3件,现行有效件数25件)
    *(ProseMetric(f"{kind}.{what}", "件", (pattern,), context=(noun,), context_not=(other,), triggers=(trigger,))
      for kind, noun, other in (("normative_docs", "规范性文件", "规章"), ("rules", "规章", "规范性文件"))
      for what, pattern, trigger in (
          ("repealed", r"(?<!清理)废止(?:了)?(?:件数|数量|数)?(?:为|共)?{N}(?:件|个|份|部)", "废止"),
          ("in_force", r"现行有效(?:文件)?(?:件数|数量|数)?(?:为|共)?{N}(?:件|个|份|部)", "现行有效"),
      )),
    # repealed, the documents named after the verb (废止市政府规章1件)
    ProseMetric("rules.repealed", "件", (r"(?<!清理)废止(?:了)?(?:省|市|县|区)?(?:政府)?规章(?:共)?{N}(?:件|个|部)",),
                triggers=("废止",)),
    ProseMetric("normative_docs.repealed", "件",
                (r"(?<!清理)废止(?:了)?(?:省|市|县|区)?(?:政府)?(?:行政)?规范性文件(?:共)?{N}(?:件|个|份)",), triggers=("废止",)),
    ProseMetric("normative_docs.in_force", "件", (r"(?:现行有效|继续有效)(?:的)?(?:行政)?规范性文件(?:共计|共)?(?:有|为)?{N}(?:件|个|份)",),
                triggers=("现行有效", "继续有效")),
    ProseMetric("rules.in_force", "件", (r"现行有效(?:的)?(?:政府)?规章(?:共计|共)?(?:有|为)?{N}(?:件|个|部)",),
                triggers=("现行有效",)),
    # what was published (the 2019 layout's 本年新公开数量): 主动公开规章0件,规范性文件1件
    ProseMetric("rules.published", "件", (r"主动公开(?:了)?(?:政府)?规章(?:共)?{N}(?:件|个|部)",), templates=("2019",),
                triggers=("规章",)),
    ProseMetric("normative_docs.published", "件",
                (r"主动公开(?:了)?(?:行政)?规范性文件(?:共)?{N}(?:件|个|份)",
                 r"主动公开(?:了)?(?:政府)?规章\d+(?:件|个|部)[,、和及](?:行政)?规范性文件(?:共)?{N}(?:件|个|份)"),
                templates=("2019",), triggers=("规范性文件",)),
    ProseMetric(
        "rules.made", "件",
        (
            r"(?:新制定|新制作|制定|制发|出台)(?:了)?(?:并?(?:发布|公布|印发))?(?:政府)?规章(?:共)?{N}(?:件|个|部)",
            r"(?:制定|制发|出台)的[^,。;、]{0,8}?规章(?:共)?{N}(?:件|个|部)",
        ),
        by_template={"2021": "rules.issued"},
        exclude=("清理", "现行有效", "废止"), triggers=("规章",)),
    # Table 2's decisions, stated in the table's own words (行政许可处理决定数量为13134件)
    *(ProseMetric(f"{key}.decisions", "件", (rf"{word}(?:本年)?处理决定(?:数量|数)(?:为|共)?{{N}}(?:件|个)",), triggers=(word,))
      for key, word in (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"))),
    # Government procurement, a row of the 2019 layout's table 2, as a list of what was published
    # states it (政府采购29项,采购金额23.72万元); not a count of procurement notices (采购信息12条)
    ProseMetric("procurement.projects", "个", (r"政府(?:集中)?采购(?:项目)?(?:数量|数)?(?:共计|共|为)?{N}(?:项|个)",),
                triggers=("采购",)),
    ProseMetric("procurement.amount", "万元", (r"采购(?:总)?金额(?:共计|共|为|达)?{N}万元",), context=("政府采购", "政府集中采购"),
                triggers=("采购金额", "采购总金额")),
    ProseMetric(
        "fees.processing", "元",
        (r"(?:收取|收缴|收到)(?:了)?(?:信息处理费|处理费)(?:共计|共)?{N}元",),
        zero_patterns=(r"未(?:收取|产生|收缴)(?:任何)?(?:政府信息公开)?(?:信息)?处理费",), triggers=("处理费",)),
    ProseMetric(
        "fees.collected", "元",
        (r"收取(?:检索|复制|复印|邮寄|递送)?[^,。;]{0,10}费(?:用)?(?:共计|共)?{N}元",
         r"(?:依申请公开)?收费(?:金额|总额)?(?:为|共)?(?P<n>[0零])(?:元)?(?![\d.])"),
        zero_patterns=(r"(?:未|没有|不存在)(?:向申请人|向依申请公开对象)?(?:收取|收)(?:任何)?(?:检索、复制、邮寄等)?(?:[^,。;]{0,12})?费用",),
        templates=("pre2019",), triggers=("费",)),
]
