#ifndef MD_MSG_H
#define MD_MSG_H
/*
 * The message table: every label a page, a form or the chart shows, in
 * Japanese and English, looked up by key. A misspelt key does not compile;
 * a wording change is one line here; a third language is one more column
 * in MSG_LIST and one more MSG_LANGS.
 *
 * The strings are ours and are written as they are (html_msg()): they hold
 * no markup and no entity (no '<' before a letter, '/', '!' or '?', no '&'
 * at all; a unit test checks). One with a bare '<' ("R < 0") goes through
 * html_text() so the page does not carry a parse error. A key ending in _F is
 * a printf format of numbers only, with the same conversions in every
 * language (checked by the same test); write it with html_msgf().
 */

#define MSG_LANGS 2   /* 0 ja, 1 en */

#define MSG_LIST(X) \
	/* the frame: head, header, breadcrumbs, footer */ \
	X(MSG_SITE_SUFFIX, "｜医療機器基本計画", " | Medical Device Basic Plan") \
	X(MSG_SKIP, "本文へ移動", "Skip to content") \
	X(MSG_BRAND, "医療機器基本計画 フォローアップ", "Medical Device Basic Plan follow-up") \
	X(MSG_NAV_SITE, "サイト", "Site") \
	X(MSG_NAV_PLAN, "計画", "Plan") \
	X(MSG_NAV_MINISTRIES, "府省", "Ministries") \
	X(MSG_NAV_FOLLOWUP, "フォローアップ", "Follow-up") \
	X(MSG_NAV_INDICATORS, "指標", "Indicators") \
	X(MSG_NAV_SEARCH, "検索", "Search") \
	X(MSG_SITE_SEARCH, "サイト内検索", "Search this site") \
	X(MSG_NAV_PROGRAMMES, "事業", "Programmes") \
	X(MSG_OTHER_LANG, "English", "日本語") \
	X(MSG_BREADCRUMB, "パンくずリスト", "Breadcrumb") \
	X(MSG_FOOTER, "出典：医療機器基本計画（第2期）および各年度のフォローアップ。" \
	  "政府標準利用規約（第2.0版）に準拠して掲載しています。", \
	  "Source: the 2nd Medical Device Basic Plan and its yearly follow-up," \
	  " used under the Government of Japan Standard Terms of Use 2.0.") \
	X(MSG_HOME, "ホーム", "Home") \
	X(MSG_TOP, "トップ", "Home") \
	/* the error page */ \
	X(MSG_ERR_404, "ページが見つかりません", "Page not found") \
	X(MSG_ERR_400, "要求が正しくありません", "Bad request") \
	X(MSG_ERR_405, "この方法では利用できません", "Method not allowed") \
	X(MSG_ERR_OTHER, "エラーが発生しました", "Something went wrong") \
	X(MSG_GO_HOME, "トップページへ", "Go to the home page") \
	/* shared pieces */ \
	X(MSG_NO_MINISTRY_TAG, "府省の記載なし", "no ministry tag") \
	X(MSG_LEAD_SR, "主担当 ", "lead ") \
	X(MSG_NONE_SR, "記載なし", "none") \
	X(MSG_LIST_SEP, "、", ", ") \
	X(MSG_DOWNLOADS, "ダウンロード", "Downloads") \
	X(MSG_DL_CSV, "CSV（UTF-8 BOM付き）", "CSV (UTF-8 with BOM)") \
	X(MSG_DL_XLSX, "Excel（XLSX）", "Excel (XLSX)") \
	X(MSG_DL_JSON, "JSON", "JSON") \
	/* the plan's pages */ \
	X(MSG_PLAN_TITLE, "医療機器基本計画", "Medical Device Basic Plan") \
	X(MSG_VISIONS, "ビジョン", "Visions") \
	X(MSG_GOALS, "ゴール", "Goals") \
	X(MSG_GOAL, "ゴール", "Goal") \
	X(MSG_MEASURES, "施策", "Measures") \
	X(MSG_MEASURE, "施策", "Measure") \
	X(MSG_ACTION_ITEMS, "取組", "Action items") \
	X(MSG_ACTION_ITEM, "取組", "Action item") \
	X(MSG_FY_REPORTED, "の報告", " reported") \
	X(MSG_FY_FOLLOWUP_SUFFIX, "フォローアップ", " follow-up") \
	X(MSG_FY_FOLLOWUP_OF, "のフォローアップ", " follow-up") \
	X(MSG_HOME_YEAR_F, "：%lld件、取組%lld件に対応", ": %lld rows, %lld action items covered") \
	X(MSG_NO_PLAN, "計画がまだ取り込まれていません。", "No plan has been imported yet.") \
	X(MSG_RELISTED_PAREN, "（再掲）", "(re-listed)") \
	X(MSG_RELISTED_AFTER, "（再掲）", " (re-listed)") \
	X(MSG_LISTED_UNDER, "掲載：", "Listed under: ") \
	X(MSG_ISSUES, "現状と課題", "Current state and issues") \
	X(MSG_STATE_REPORTED, "実績報告あり", "reported") \
	X(MSG_STATE_NO_RESULTS, "実績未記入", "no results") \
	X(MSG_STATE_NOT_REPORTED, "報告なし", "not reported") \
	X(MSG_MINISTRIES, "担当府省", "Ministries") \
	X(MSG_MINISTRY, "府省", "Ministry") \
	X(MSG_ROLE, "役割", "Role") \
	X(MSG_ROLE_LEAD, "◎ 主担当（フォローアップを取りまとめ）", "◎ lead (compiles the follow-up)") \
	X(MSG_ROLE_SHARED, "共同", "shared") \
	X(MSG_PLAN_TEXT, "計画の記載", "Text of the plan") \
	X(MSG_TAG_AS_WRITTEN, "府省の表記：", "Tag as written: ") \
	X(MSG_ITEM_NO_MINISTRY, "この取組には府省の記載がありません。", "The plan names no ministry for this item.") \
	X(MSG_ITEM_NO_FOLLOWUP, "この取組のフォローアップはまだありません。", "No follow-up has been reported for this item yet.") \
	X(MSG_SEE_CHANGES, "年度間の変更を見る", "See what changed between years") \
	X(MSG_ITEM_RETIRED, "この取組は計画から削除されました。フォローアップはこの取組のまま残されています。", \
	  "This action item is no longer in the plan; its follow-up stays with it.") \
	X(MSG_ITEM_RETIRED_WAS, "削除前の番号：", "Its number was ") \
	X(MSG_ITEM_RETIRED_AT, "削除日：", "Retired on ") \
	X(MSG_RETIRED_ITEM, "計画から削除された取組", "an action item no longer in the plan") \
	/* follow-up */ \
	X(MSG_RESULTS_SHORT, "実績・状況", "Results") \
	X(MSG_RESULTS, "実績・状況", "Results and status") \
	X(MSG_PLANS, "取組予定", "Plans") \
	X(MSG_MATCHED_BY, "計画との照合：", "Matched to the plan by ") \
	X(MSG_MATCH_POSITION, "位置", "position") \
	X(MSG_MATCH_SIMILARITY, "類似", "similarity") \
	X(MSG_MATCH_SCORE_F, "（一致度 %.2f）。表の記載：", " (score %.2f); the table words it: ") \
	X(MSG_PREV_PLANS_BEFORE, "前年度の取組予定（", "Plans stated in the ") \
	X(MSG_PREV_PLANS_AFTER, "のフォローアップ）", " follow-up") \
	X(MSG_NO_FOLLOWUP_THAT_YEAR, "のフォローアップはありません。", " has no follow-up.") \
	X(MSG_SOURCE_LINE, "出典：フォローアップ表 行", "Source: follow-up table line") \
	X(MSG_FOLLOWUPS_TITLE, "年度別フォローアップ", "Follow-up by fiscal year") \
	X(MSG_NO_FOLLOWUP_YET, "フォローアップはまだ取り込まれていません。", "No follow-up has been imported yet.") \
	X(MSG_FOLLOWUP_STATS_F, "%lld件（実績記載 %lld件、取組予定記載 %lld件）。" \
	  "計画の取組 %lld件に対応、計画と照合できなかった行 %lld件。", \
	  "%lld rows: %lld with results, %lld with plans, %lld action items covered," \
	  " %lld not matched to the plan.") \
	X(MSG_FOLLOWUP_TABLE, "フォローアップ表", " follow-up table") \
	X(MSG_MEASURE_AND_ITEM, "施策・取組", "Measure and action item") \
	X(MSG_MEASURE_AND_ITEM_MINISTRIES, "施策・取組（担当府省）", "Measure and action item (ministries)") \
	X(MSG_NOT_MATCHED, "（計画の取組と未照合）", "(not matched to the plan)") \
	X(MSG_SEE_ABOVE, "（上記参照）", "(see above)") \
	X(MSG_TOC, "目次", "Contents") \
	X(MSG_YEAR_BY_MINISTRY, "府省別の表", "Tables by ministry") \
	X(MSG_ALL_MINISTRIES, "全府省", "All ministries") \
	X(MSG_NO_ROWS, "該当する行はありません。", "No rows.") \
	X(MSG_CHANGES_TITLE, "年度間の変更", "changes between years") \
	X(MSG_CHANGES_HELP, "前年度の記載から削除された部分を取り消し線で、追加された部分を下線で示します。", \
	  "Text removed since the earlier year is struck through; added text is underlined.") \
	X(MSG_NO_CHANGE, "変更はありません。", "No change.") \
	X(MSG_NO_TWO_YEARS, "比べられる2つの年度のフォローアップがありません。", \
	  "There are not two fiscal years of follow-up to compare.") \
	/* ministries */ \
	X(MSG_MINISTRIES_TITLE, "府省別の取組", "Action items by ministry") \
	X(MSG_ABBREV, "略称", "Short name") \
	X(MSG_ITEMS_INVOLVED, "担当する取組", "Action items") \
	X(MSG_OF_WHICH_LEAD, "うち主担当（◎）", "of which lead (◎)") \
	X(MSG_ITEMS_LEADS, "主担当（◎）の取組", "Items it leads (◎)") \
	X(MSG_ITEMS_SHARES, "共同で担当する取組", "Items it shares") \
	X(MSG_MINISTRY_FOLLOWUP, "この府省のフォローアップ", "This ministry's follow-up") \
	X(MSG_NONE_ITEMS, "該当する取組はありません。", "None.") \
	/* indicators */ \
	X(MSG_INDICATORS_TITLE, "指標と進捗", "Indicators and progress") \
	X(MSG_INDICATORS_INTRO, "基本計画のゴールごとに、指標の値と目標に対する進捗の状況を示します。" \
	  "判定の方法は下の「進捗の判定方法」にあります。", \
	  "The indicators of each goal of the plan, their values and their " \
	  "progress toward the target. The method is described under " \
	  "\"How progress is assessed\" below.") \
	X(MSG_SCORECARD_CAPTION, "ゴール別・状況別の指標数", "Indicators by goal and status") \
	X(MSG_TOTAL_SHORT, "計", "Total") \
	X(MSG_TOTAL, "合計", "Total") \
	X(MSG_NOT_LINKED, "ゴールに結び付いていない指標", "Not linked to a goal") \
	X(MSG_NO_INDICATORS_SHORT, "指標なし", "none") \
	X(MSG_ALL_INDICATORS, "指標の一覧", "All indicators") \
	X(MSG_NO_INDICATORS_YET, "指標はまだ登録されていません。", "No indicators have been defined yet.") \
	X(MSG_DATA_CSV, "データ（CSV、取り込みと同じ形式）：", "Data (CSV, the import layout): ") \
	X(MSG_INDICATOR, "指標", "Indicator") \
	X(MSG_LATEST_VALUE, "最新値", "Latest value") \
	X(MSG_TARGET, "目標", "Target") \
	X(MSG_STATUS, "状況", "Status") \
	X(MSG_STATUS_COLON, "状況：", "Status: ") \
	X(MSG_CRITERION, "基準", "Criterion") \
	X(MSG_CODE, "コード", "Code") \
	X(MSG_NOT_SET, "未設定", "not set") \
	X(MSG_BY_YEAR_OPEN, "（", " by ") \
	X(MSG_IN_YEAR_OPEN, "（", " in ") \
	X(MSG_BY_YEAR_CLOSE, "）", "") \
	X(MSG_PAREN_OPEN, "（", " (") \
	X(MSG_PAREN_CLOSE, "）", ")") \
	X(MSG_METHOD_TITLE, "進捗の判定方法", "How progress is assessed") \
	X(MSG_METHOD_TEXT, "カナダ統計局が考案し Open SDG が用いる方法によります。" \
	  "基準年から最新年までの年平均成長率（観測値）を、基準値から目標年に" \
	  "目標値へ到達するのに必要な年平均成長率で割った比率 R" \
	  "（減少が望ましい指標では符号を反転）で判定します。" \
	  "基準値や目標値が0のときに0.001などで置き換える推計は行わず、" \
	  "「データ不足」とします。目標までの距離のうち達成した割合" \
	  "（直線的な進捗）も併せて示します。", \
	  "The method is the one Statistics Canada designed and Open SDG uses: " \
	  "the compound annual growth rate observed from the base year to the " \
	  "latest year, divided by the rate needed to go from the base value to " \
	  "the target by the target year, gives the ratio R (its sign turned " \
	  "for indicators where lower is better). A zero base or target is not " \
	  "replaced by a small number such as 0.001; the status is then " \
	  "\"not enough data\". The share of the distance to the target covered " \
	  "so far (linear progress) is shown alongside.") \
	X(MSG_CRIT_ACHIEVED, "最新値が目標値に達している（望ましい方向に）", \
	  "the latest value has reached the target (in the desired direction)") \
	X(MSG_CRIT_ON_TRACK, "比率 R ≥ 0.95", "ratio R ≥ 0.95") \
	X(MSG_CRIT_NEEDS_ACCELERATION, "0.60 ≤ R < 0.95", "0.60 ≤ R < 0.95") \
	X(MSG_CRIT_LIMITED, "0 ≤ R < 0.60", "0 ≤ R < 0.60") \
	X(MSG_CRIT_DETERIORATING, "R < 0（望ましくない方向に変化）", "R < 0 (moving the wrong way)") \
	X(MSG_CRIT_NO_TARGET, "目標値が設定されていない（観測された成長率と方向は表示）", \
	  "no target is set (the observed rate and its direction are still shown)") \
	X(MSG_CRIT_NOT_ENOUGH_DATA, "値が1年分しかない、基準値・最新値・目標値が0以下など、" \
	  "成長率を正しく計算できない", \
	  "one year of data only, or a base, latest or target value of zero or " \
	  "less: the growth rate cannot be computed honestly") \
	X(MSG_INPUTS_CAPTION, "計算に用いた値", "The inputs and the result") \
	X(MSG_BASE, "基準", "Base") \
	X(MSG_BASE_DEFINED, " — 定義された基準値", " — the defined baseline") \
	X(MSG_BASE_FIRST, " — 基準値が未設定のため最初の値", " — no baseline is defined, so the first value") \
	X(MSG_DESIRED_DIRECTION, "望ましい方向", "Desired direction") \
	X(MSG_DIRECTION_UP_D, "増加が望ましい（d = +1）", "higher is better (d = +1)") \
	X(MSG_DIRECTION_DOWN_D, "減少が望ましい（d = −1）", "lower is better (d = −1)") \
	X(MSG_DIRECTION_UP, "増加（高いほど良い）", "up (higher is better)") \
	X(MSG_DIRECTION_DOWN, "減少（低いほど良い）", "down (lower is better)") \
	X(MSG_OBSERVED_RATE, "観測された年平均成長率", "Observed compound annual growth rate") \
	X(MSG_OBSERVED_RATE_FORMULA, "／年 = (最新値 ÷ 基準値)^(1 ÷ 年数) − 1", \
	  " a year = (latest ÷ base)^(1 ÷ years) − 1") \
	X(MSG_REQUIRED_RATE, "目標に必要な年平均成長率", "Growth rate needed for the target") \
	X(MSG_REQUIRED_RATE_FORMULA, "／年 = (目標値 ÷ 基準値)^(1 ÷ 目標までの年数) − 1", \
	  " a year = (target ÷ base)^(1 ÷ years to target) − 1") \
	X(MSG_RATIO_R, "比率 R", "Ratio R") \
	X(MSG_OBSERVED, "観測", "observed") \
	X(MSG_NEEDED, "必要", "needed") \
	X(MSG_LINEAR_PROGRESS, "直線的な進捗（目標までの距離のうち達成した割合）", \
	  "Linear progress (share of the distance to the target covered)") \
	X(MSG_ELAPSED_F, "（目標年までの期間の %.1f%% が経過）", \
	  " (%.1f%% of the time to the target year has passed)") \
	X(MSG_YEARS_WITHOUT_VALUE, "値のない年", "Years without a value") \
	X(MSG_GAPS_F, "%d年分（最初は ", "%d year(s) (the first is ") \
	X(MSG_GAPS_AFTER, "）。計算は基準と最新値の2点によります。", \
	  "); the rates use the base and latest values only.") \
	X(MSG_NONE_WORD, "なし", "none") \
	X(MSG_NA_AFTER_F, "。最新値より後の %d 年分は値なし", "; %d later year(s) not available") \
	X(MSG_RESULT, "判定", "Result") \
	X(MSG_VALUES_BY_YEAR, "年ごとの値", "Values by year") \
	X(MSG_YEAR, "年", "Year") \
	X(MSG_FISCAL_YEAR, "年度", "Fiscal year") \
	X(MSG_VALUE, "値", "Value") \
	X(MSG_NOTE, "備考", "Note") \
	X(MSG_SOURCE, "出典", "Source") \
	X(MSG_AS_OF, "時点", "As of") \
	X(MSG_NA, "値なし", "n/a") \
	X(MSG_NO_VALUES_YET, "値はまだありません。", "No values yet.") \
	X(MSG_DEFINITION, "定義", "Definition") \
	X(MSG_NAME, "名称", "Name") \
	X(MSG_UNIT, "単位", "Unit") \
	X(MSG_YEARS, "年の区切り", "Years") \
	X(MSG_CALENDAR_YEARS, "暦年（1月～12月）", "calendar years") \
	X(MSG_FISCAL_YEARS, "年度（4月～翌年3月）", "fiscal years (April to March)") \
	X(MSG_PART_OF_PLAN, "計画との関係", "Part of the plan") \
	X(MSG_BASELINE, "基準", "Baseline") \
	X(MSG_BASELINE_NOT_SET, "未設定（最初の値を基準とします）", "not set (the first value is the base)") \
	X(MSG_NOTES, "注記", "Notes") \
	X(MSG_TREND, "推移と進捗", "Trend and progress") \
	X(MSG_CHART_CAPTION, "折れ線は値、破線は目標値（目標年まで）、縦の点線は目標年。" \
	  "同じ数値は下の表にあります。", \
	  "The line is the value, the dashed line the target (up to its year) " \
	  "and the dotted vertical line the target year. The same figures are " \
	  "in the table below.") \
	X(MSG_DATA, "データ", "Data") \
	/* search */ \
	X(MSG_SEARCH_TITLE, "計画とフォローアップを検索", "Search the plan and its follow-up") \
	X(MSG_SEARCH_FOR, "検索する語句", "Search for") \
	X(MSG_SEARCH_HELP, "全角・半角、大文字・小文字を区別しません。語句はそのまま（記号も文字として）検索します。", \
	  "Full-width and half-width forms and letter case are treated alike." \
	  " The words are searched as written (symbols included).") \
	X(MSG_SEARCH_ALL_YEARS, "計画とすべての年度", "Plan and every year") \
	X(MSG_ALL, "すべて", "All") \
	X(MSG_KIND, "種類", "Kind") \
	X(MSG_KIND_VISION, "ビジョン", "Vision") \
	X(MSG_KIND_TEST, "テスト文書", "Test document") \
	X(MSG_FOR_EXAMPLE, "例：", "For example: ") \
	X(MSG_SHOWING_F, "（%d〜%d件目）", " (showing %d–%d)") \
	X(MSG_NOTHING_MATCHED, "該当する箇所はありませんでした。語句を短くするか、絞り込みを外してください。", \
	  "Nothing matched. Try fewer words or remove a filter.") \
	X(MSG_RESULT_PAGES, "検索結果のページ", "Result pages") \
	X(MSG_PREVIOUS, "前へ", "Previous") \
	X(MSG_NEXT, "次へ", "Next") \
	/* programmes, budgets, hubs */ \
	X(MSG_PROGRAMMES_TITLE, "事業", "Programmes") \
	X(MSG_PROGRAMMES_INTRO, "基本計画の施策を実施する各府省の事業と、その予算・実績・拠点。" \
	  "金額は資料の表記のまま、円に換算した値を並べています。", \
	  "The programmes through which the ministries carry out the plan's measures, " \
	  "with their budgets, results and hubs. Amounts are shown as the documents " \
	  "write them, beside their value in yen.") \
	X(MSG_PROGRAMME, "事業", "Programme") \
	X(MSG_PROGRAMME_COUNT_F, "%d件", "%d programmes") \
	X(MSG_FILTER, "絞り込み", "Filter") \
	X(MSG_ANY, "すべて", "Any") \
	X(MSG_APPLY, "表示", "Show") \
	X(MSG_BUDGETS_TITLE, "予算", "Budgets") \
	X(MSG_BUDGETS_BY_MINISTRY, "府省別", "By ministry") \
	X(MSG_BUDGETS_BY_GOAL, "目標別", "By goal") \
	X(MSG_BUDGETS_BY_VISION, "目指す姿別", "By vision") \
	X(MSG_BUDGET_RULE, "合計は、各事業の金額を年度・区分ごとに一度だけ加えたものです。" \
	  "同じ事業・年度・区分について資料によって金額が異なるときは、最小から最大の幅で示します。" \
	  "他の予算の内数である金額は表示しますが、合計には含めません。" \
	  "複数の目標・目指す姿に結び付く事業は、そのそれぞれで数えます。", \
	  "Totals add each programme's figure once per fiscal year and kind. Where " \
	  "documents state different figures for the same programme, year and kind, " \
	  "the total is a range from the lowest to the highest. Figures that are a " \
	  "share of a larger budget are shown but not added. A programme linked to " \
	  "several goals or visions counts in each of them.") \
	X(MSG_BUDGET_KIND, "区分", "Kind") \
	X(MSG_KIND_INITIAL, "当初予算", "Initial budget") \
	X(MSG_KIND_INITIAL_DRAFT, "当初予算案", "Initial budget (draft)") \
	X(MSG_KIND_SUPPLEMENTARY, "補正予算", "Supplementary budget") \
	X(MSG_KIND_SUPPLEMENTARY_DRAFT, "補正予算案", "Supplementary budget (draft)") \
	X(MSG_KIND_REQUEST, "概算要求", "Budget request") \
	X(MSG_AMOUNT, "金額（資料の表記）", "Amount (as written)") \
	X(MSG_AMOUNT_YEN, "円", "Yen") \
	X(MSG_SHARE_OF_LARGER, "内数", "Share of a larger budget") \
	X(MSG_SHARES_NOT_ADDED, "内数（合計に含めない）", "Shares of larger budgets (not added)") \
	X(MSG_PROGRAMMES_COUNTED, "事業数", "Programmes") \
	X(MSG_MULTI_YEAR, "複数年度", "multi-year") \
	X(MSG_FUND, "基金", "fund") \
	X(MSG_NOT_KNOWN, "不明", "not known") \
	X(MSG_NO_BUDGETS, "資料に予算の記載はありません。", "The documents state no budget.") \
	X(MSG_BUDGET_CHART, "年度別の予算", "Budget by fiscal year") \
	X(MSG_OKU_YEN, "億円", "100 million yen") \
	X(MSG_PARENT, "上位の事業", "Part of") \
	X(MSG_SUBPROGRAMMES, "下位の事業", "Sub-programmes") \
	X(MSG_PREDECESSOR, "前身の事業", "Predecessor") \
	X(MSG_SUCCESSOR, "後継の事業", "Successor") \
	X(MSG_PERIOD, "実施期間", "Period") \
	X(MSG_DIVISION, "担当部局", "Division") \
	X(MSG_BODY, "実施主体", "Implementing body") \
	X(MSG_FUNDING, "補助・委託", "Funding") \
	X(MSG_RATE, "補助率", "Subsidy rate") \
	X(MSG_SELECTION, "選定方法", "Selection") \
	X(MSG_PURPOSE, "目的", "Purpose") \
	X(MSG_SCHEME, "事業スキーム", "Scheme") \
	X(MSG_PROGRAMME_RESULTS, "実績", "Results") \
	X(MSG_WHAT, "項目", "What") \
	X(MSG_SERVES, "関連する施策・取組", "Measures and action items it serves") \
	X(MSG_LINK_SUGGESTED, "候補（フォローアップの記述から）", "suggested (from the follow-up text)") \
	X(MSG_LINK_CONFIRMED, "確認済み", "confirmed") \
	X(MSG_NO_LINKS, "まだ結び付けられていません。", "Not linked yet.") \
	X(MSG_HUBS_TITLE, "拠点・支援ネットワーク", "Hubs and support networks") \
	X(MSG_HUB_KIND, "種類", "Kind") \
	X(MSG_STAGE, "段階", "Stage") \
	X(MSG_INSTITUTION, "機関", "Institution") \
	X(MSG_CATEGORY, "類型", "Category") \
	X(MSG_COUNT, "数", "Count") \
	X(MSG_PREFECTURE, "都道府県", "Prefecture") \
	X(MSG_HUB_MAP, "所在地（都道府県）", "Where they are (prefectures)") \
	X(MSG_HUB_MAP_DESC, "都道府県ごとの拠点・機関の数。", "Hubs and institutions per prefecture.") \
	X(MSG_HUBS_COUNT_F, "%d件", "%d rows") \
	X(MSG_HUBS_GROUPING, "事業ごとに、年度別・類型別に示します。", \
	  "Shown by programme, then by fiscal year and category.") \
	X(MSG_HUB_NO_YEAR, "年度の記載なし", "No fiscal year stated") \
	X(MSG_HUB_CATEGORY_UNKNOWN, "不明（資料では色分けのみ）", "unknown (only colour-coded in the slides)") \
	X(MSG_BUDGET_PER_HUB, "1拠点あたり予算", "Budget per hub") \
	/* the chart */ \
	X(MSG_CHART_TARGET_DESC, "目標：", "Target: ") \
	X(MSG_CHART_NO_TARGET, "目標は設定されていません。", "No target set.") \
	X(MSG_CHART_TARGET, "目標 ", "Target ") \
	X(MSG_CHART_NA, "値なし", "not available")

enum msg {
#define X(key, ja, en) key,
	MSG_LIST(X)
#undef X
	MSG_COUNT_
};

/* The string of k in language lang (0 ja, 1 en); "" for a bad key. */
const char *msg_get(enum msg k, int lang);

#endif
