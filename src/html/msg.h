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
	X(MSG_MATCH_POSITION, "位置", "position") \
	X(MSG_MATCH_SIMILARITY, "類似", "similarity") \
	X(MSG_PREV_PLANS_BEFORE, "前年度の取組予定（", "Plans stated in the ") \
	X(MSG_PREV_PLANS_AFTER, "のフォローアップ）", " follow-up") \
	X(MSG_NO_FOLLOWUP_THAT_YEAR, "のフォローアップはありません。", " has no follow-up.") \
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
	/* indicator editing (page/indicator_edit.c) */ \
	X(MSG_IE_EDIT, "編集", "Edit") \
	X(MSG_IE_TITLE, "指標の編集：", "Edit indicator: ") \
	X(MSG_IE_INTRO, "変更は保存した時点で公開ページに反映され、変更履歴と監査記録に残ります。", \
	  "A change shows on the public pages as soon as it is saved, and is kept in the change " \
	  "history and the audit trail.") \
	X(MSG_IE_NAMES, "名称と単位", "Name and unit") \
	X(MSG_IE_KIND, "方向と年の区切り", "Direction and years") \
	X(MSG_IE_NAME_JA, "名称（日本語）", "Name (Japanese)") \
	X(MSG_IE_NAME_EN, "名称（英語）", "Name (English)") \
	X(MSG_IE_UNIT, "単位（日本語）", "Unit (Japanese)") \
	X(MSG_IE_UNIT_EN, "単位（英語）", "Unit (English)") \
	X(MSG_IE_GOAL, "ゴール番号", "Goal number") \
	X(MSG_IE_MEASURE, "施策番号", "Measure number") \
	X(MSG_IE_EMPTY_NONE, "空欄：結び付けない", "Empty: none") \
	X(MSG_IE_BASELINE_YEAR, "基準年", "Baseline year") \
	X(MSG_IE_BASELINE_VALUE, "基準値", "Baseline value") \
	X(MSG_IE_TARGET_YEAR, "目標年", "Target year") \
	X(MSG_IE_TARGET_VALUE, "目標値", "Target value") \
	X(MSG_IE_TARGET_NOTE, "目標についての注記", "Note on the target") \
	X(MSG_IE_YEAR_HELP, "例：2026、令和8年度、FY2026。年と値を両方空欄にすると未設定です。", \
	  "For example 2026, FY2026 or R8. Leave the year and the value empty for none.") \
	X(MSG_IE_NUMBER_HELP, "例：1,234.5", "For example 1,234.5") \
	X(MSG_IE_SAVE, "保存", "Save") \
	X(MSG_IE_DEF_SAVE, "定義を保存", "Save the definition") \
	X(MSG_IE_VALUE_FOR, "の値", "Value for ") \
	X(MSG_IE_NOTE_FOR, "の備考", "Note for ") \
	X(MSG_IE_SOURCE_FOR, "の出典", "Source for ") \
	X(MSG_IE_REASON_FOR, "の値なしの理由", "Why there is no value for ") \
	X(MSG_IE_REASON, "値なしの理由", "Why there is no value") \
	X(MSG_IE_NEW_YEAR_HELP, "例：2025、令和7年度、FY2025", "For example 2025, FY2025 or R7") \
	X(MSG_IE_MORE, "備考・出典・値なし", "Note, source, not available") \
	X(MSG_IE_SAVE_VALUE, "値を保存", "Save the value") \
	X(MSG_IE_CLEAR_VALUE, "値なしにする", "Mark as not available") \
	X(MSG_IE_ADD_YEAR, "年を追加", "Add a year") \
	X(MSG_IE_NEW_YEAR, "年（年度）", "Year") \
	X(MSG_IE_NEW_VALUE, "値", "Value") \
	X(MSG_IE_NEW_NOTE, "備考", "Note") \
	X(MSG_IE_NEW_SOURCE, "出典", "Source") \
	X(MSG_IE_HEADLINE_ONLY, "ここで編集するのは全体の値です。内訳別の値はCSVの取り込みで更新します。", \
	  "These are the headline values; values by breakdown are updated by importing the CSV.") \
	X(MSG_IE_HISTORY, "変更履歴", "Change history") \
	X(MSG_IE_WHEN, "日時", "When") \
	X(MSG_IE_WHO, "変更者", "By") \
	X(MSG_IE_FIELD, "項目", "Field") \
	X(MSG_IE_BEFORE, "変更前", "Before") \
	X(MSG_IE_AFTER, "変更後", "After") \
	X(MSG_IE_NO_HISTORY, "まだ変更はありません。", "No changes yet.") \
	X(MSG_IE_CHECK, "入力内容を確認してください。保存されていません。", \
	  "Nothing was saved: please check the fields marked below.") \
	X(MSG_IE_ERR_REQUIRED, "入力してください。", "Required.") \
	X(MSG_IE_ERR_NUMBER, "数値で入力してください（例：1,234.5）。", "Enter a number (such as 1,234.5).") \
	X(MSG_IE_ERR_YEAR, "1900年から2200年までの年で入力してください（例：2026、令和8年度）。", \
	  "Enter a year from 1900 to 2200 (such as 2026 or FY2026).") \
	X(MSG_IE_ERR_PAIR, "年と値を両方入力するか、両方空欄にしてください。", \
	  "Give both the year and the value, or leave both empty.") \
	X(MSG_IE_ERR_GOAL, "ゴール番号（1〜99）を入力するか、空欄にしてください。", \
	  "Enter a goal number (1 to 99), or leave it empty.") \
	X(MSG_IE_ERR_MEASURE, "施策番号（1〜999）を入力するか、空欄にしてください。", \
	  "Enter a measure number (1 to 999), or leave it empty.") \
	X(MSG_IE_ERR_NOT_IN_PLAN, "最新の計画にない番号です。", "There is no such number in the latest plan.") \
	X(MSG_IE_ERR_CHOICE, "選択肢から選んでください。", "Choose one of the options.") \
	X(MSG_IE_ERR_REASON, "値なしにするには理由を入力してください。", \
	  "Give the reason why there is no value.") \
	X(MSG_IE_CONFLICT, "このフォームを開いた後に、ほかの人が変更を保存しました。", \
	  "Someone else saved a change after you opened this form.") \
	X(MSG_IE_CONFLICT_F, "あなたが開いた版は %lld、現在の版は %lld です。", \
	  "You opened version %lld; it is at version %lld now.") \
	X(MSG_IE_CONFLICT_HOW, "あなたの入力は失われていません（下のフォームにあります）。" \
	  "保存されている内容と比べて、必要なら直してからもう一度保存してください。" \
	  "保存すると、現在の内容があなたの入力で置き換わります。", \
	  "Nothing you typed is lost: it is in the form below. Compare it with what is stored, " \
	  "change it if needed and save again; saving replaces what is stored with your text.") \
	X(MSG_IE_CONFLICT_CAPTION, "保存されている内容とあなたの入力", "What is stored and what you typed") \
	X(MSG_IE_STORED, "保存されている内容", "Stored now") \
	X(MSG_IE_YOURS, "あなたの入力", "What you typed") \
	X(MSG_IE_LAST_CHANGE, "最後の変更：", "Last change: ") \
	X(MSG_IE_EMPTY, "（空欄）", "(empty)") \
	X(MSG_IE_BACK, "指標のページへ", "Back to the indicator") \
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
	X(MSG_KIND_ENTRY, "下書き", "Draft") \
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
	X(MSG_CHART_NA, "値なし", "not available") \
	/* the footer: attribution (data/SOURCES.md), last update, help */ \
	X(MSG_ATTRIBUTION, "出典：厚生労働省「医療機器基本計画（第2期）」及び同フォローアップ資料（加工して作成）", \
	  "Source: Ministry of Health, Labour and Welfare, the 2nd Medical Device Basic" \
	  " Plan and its follow-up material (processed by mdplan)") \
	X(MSG_TERMS, "政府標準利用規約（第2.0版）に基づいて利用しています。", \
	  "Used under the Government of Japan Standard Terms of Use (version 2.0).") \
	X(MSG_SOURCES_LINK, "出典の一覧", "All sources") \
	X(MSG_FULL_STOP, "。", ". ") \
	/* a count after its label: "施策 43件", never mistaken for 施策M43 */ \
	X(MSG_COUNT_F, " %lld件", " %lld") \
	X(MSG_UPDATED, "データの最終更新：", "Data last updated: ") \
	X(MSG_HELP_LINK, "このサイトについて（番号の見方・出典・利用条件）", \
	  "About this site (numbering, sources, terms of use)") \
	/* provenance */ \
	X(MSG_SOURCE_COLON, "出典：", "Source: ") \
	X(MSG_ORIGINAL, "原本", "original") \
	X(MSG_FOLLOWUP_TABLE_ROW, "フォローアップ表", "the follow-up table") \
	X(MSG_TABLE_ROW_F, "、表の%lld行目", ", table row %lld") \
	X(MSG_STAFF_DETAILS, "事務局向けの詳細", "Details for staff") \
	X(MSG_FILE_LINE, "ファイルと行：", "File and line: ") \
	X(MSG_PLAN_TEXT_AT, "計画の記載", "Plan text") \
	X(MSG_MATCH_EXACT, "完全一致", "exact") \
	X(MSG_MATCH_NONE, "未照合", "not matched") \
	X(MSG_MATCH_METHOD, "計画との照合：", "Matched to the plan: ") \
	X(MSG_TABLE_WORDING, "表の記載：", "The table words it: ") \
	X(MSG_MATCH_SCORE_ONLY_F, "（一致度 %.2f）", " (score %.2f)") \
	/* indicators */ \
	X(MSG_CHART_CAPTION_NO_TARGET, "折れ線は値です。目標値は設定されていません。" \
	  "同じ数値は下の表にあります。", \
	  "The line is the value; no target is set. The same figures are in the table below.") \
	X(MSG_STALE, "古い値", "old value") \
	X(MSG_STALE_NOTE, "「古い値」は、最新値がデータの最終更新の時点より2年以上前のものであることを示します。", \
	  "\"Old value\": the latest value is more than two years older than the data's last update.") \
	X(MSG_NO_TARGETS_YET, "目標値はまだ設定されていません。第2期計画は指標の目標を今後設定するとしており、" \
	  "設定されるまで進捗の状況（順調・悪化など）は判定できません。それまでの判断材料として、" \
	  "各指標の最新値、推移、値のある年を示します。", \
	  "No targets have been set yet. The 2nd plan says its indicators' targets are to" \
	  " be set later; until they are, progress (on track, deteriorating, ...) cannot" \
	  " be assessed. Meanwhile here are each indicator's latest value, its trend and" \
	  " the years it has values for.") \
	X(MSG_OVERVIEW_CAPTION, "指標の最新値と推移（目標は未設定）", "Latest values and trends (no targets set)") \
	X(MSG_TREND_COL, "推移", "Trend") \
	X(MSG_YEARS_COVERED, "値のある年", "Years with values") \
	X(MSG_TREND_UP, "増加", "rising") \
	X(MSG_TREND_DOWN, "減少", "falling") \
	X(MSG_TREND_FLAT, "横ばい", "flat") \
	X(MSG_PER_YEAR, "／年", " a year") \
	X(MSG_N_YEARS_F, "（%d年分）", " (%d years)") \
	X(MSG_SOURCES_OF_PAGE, "この表の出典", "Sources of this table") \
	/* reporting status */ \
	X(MSG_REPORTING_TITLE, "報告の状況", "Reporting status") \
	X(MSG_REPORTING_INTRO, "府省ごとに、担当する取組（主担当・共同）のうち、" \
	  "その年度のフォローアップに実績・状況の記載があるものの数と、記載がない取組です。", \
	  "For each ministry: how many of the action items it leads or shares have results" \
	  " in the fiscal year's follow-up, and which have none.") \
	X(MSG_WITH_RESULTS, "実績の記載あり", "With results") \
	X(MSG_WITHOUT_RESULTS, "実績の記載がない取組", "Items without results") \
	X(MSG_NO_ROW_SHORT, "報告なし", "no report") \
	X(MSG_EMPTY_ROW_SHORT, "実績未記入", "results empty") \
	X(MSG_ALL_HAVE_RESULTS, "すべてあり", "all have results") \
	X(MSG_ITEMS_NO_MINISTRY, "府省の記載がない取組", "Items naming no ministry") \
	X(MSG_REPORTED_OF_F, "%lld／%lld", "%lld of %lld") \
	X(MSG_REPORTING_LINK, "府省別の報告の状況", "Reporting status by ministry") \
	/* the round's board (issue 14, page/board.c) */ \
	X(MSG_ROUNDS_TITLE, "フォローアップ調査", "Follow-up rounds") \
	X(MSG_ROUNDS_CAPTION, "年度ごとの調査と取組の件数", "Rounds by fiscal year, with their entries") \
	X(MSG_ROUND_OF, "のフォローアップ調査", " follow-up round") \
	X(MSG_ROUND_STATE, "状態", "State") \
	X(MSG_ROUND_IS_OPEN, "受付中", "open") \
	X(MSG_ROUND_IS_CLOSED, "締切済み", "closed") \
	X(MSG_ROUND_DEADLINE, "提出期限", "Deadline") \
	X(MSG_ROUND_ENTRIES, "取組の件数", "Entries") \
	X(MSG_ROUND_NONE, "フォローアップ調査はまだ開始されていません。", "No round has been opened yet.") \
	X(MSG_ROUND_OPEN_FORM, "調査を開始する", "Open a round") \
	X(MSG_ROUND_OPEN_HELP, "計画の取組と担当府省ごとに、空の報告欄を作ります。前年度の取組予定が報告の基準になります。", \
	  "Makes an empty entry for every action item of the plan and each ministry responsible" \
	  " for it; last year's plans are shown as the commitment to report against.") \
	X(MSG_ROUND_YEAR_HELP, "西暦の年度（例：2026）", "The fiscal year (e.g. 2026)") \
	X(MSG_ROUND_DEADLINE_HELP, "年-月-日（例：2027-01-31）", "YYYY-MM-DD (e.g. 2027-01-31)") \
	X(MSG_ROUND_OPEN_BUTTON, "調査を開始", "Open the round") \
	X(MSG_ROUND_MANAGE, "調査の管理", "Managing the round") \
	X(MSG_ROUND_CLOSE_BUTTON, "調査を締め切る", "Close the round") \
	X(MSG_ROUND_REOPEN_BUTTON, "期限を変更して受付を再開", "Reopen with this deadline") \
	X(MSG_ROUND_DEADLINE_BUTTON, "期限を変更", "Change the deadline") \
	X(MSG_ROUND_NEW_DEADLINE, "新しい提出期限", "New deadline") \
	X(MSG_ROUND_REMIND_DAYS, "督促メール", "Reminder mail") \
	X(MSG_ROUND_REMIND_FIELD, "督促メールを送る日（提出期限の何日前か）", \
	  "Reminder days (days before the deadline)") \
	X(MSG_ROUND_REMIND_HELP, "カンマ区切りの0〜366の整数（例：14,7,1）。期限を過ぎると毎週送ります。" \
	  "空欄ではサーバーの既定（--remind-days）に従います。", \
	  "Whole days 0 to 366, separated by commas (e.g. 14,7,1). After the deadline, " \
	  "mail goes weekly. Empty: the server's default (--remind-days).") \
	X(MSG_ROUND_REMIND_NONE, "この調査では未設定（サーバーの既定に従います）", \
	  "Not set for this round (the server's default applies)") \
	X(MSG_ROUND_REMIND_PRE, "期限の", "") \
	X(MSG_ROUND_REMIND_SEP, "・", ", ") \
	X(MSG_ROUND_REMIND_POST, "日前（期限後は毎週）", " days before the deadline (weekly after it)") \
	X(MSG_ROUND_REMIND_BUTTON, "督促日を保存", "Save the reminder days") \
	X(MSG_ENTRY_DRAFT, "下書き", "draft") \
	X(MSG_ENTRY_SUBMITTED, "提出済み", "submitted") \
	X(MSG_ENTRY_RETURNED, "差戻し", "returned") \
	X(MSG_ENTRY_ACCEPTED, "受理", "accepted") \
	X(MSG_ENTRY_FLAGGED, "再確認", "re-review") \
	X(MSG_ENTRY_OVERDUE, "期限超過", "overdue") \
	X(MSG_BOARD_SUMMARY_F, "取組%lld件のうち、期限超過%lld件、再確認%lld件。", \
	  "%lld entries; %lld overdue, %lld flagged for re-review.") \
	X(MSG_BOARD_DEADLINE_PASSED, "提出期限を過ぎています。", "The deadline has passed.") \
	X(MSG_BOARD_COUNTS, "府省別・状態別の件数", "Entries by ministry and state") \
	X(MSG_BOARD_COUNTS_HELP, "数をクリックすると、その取組の一覧を表示します。", \
	  "Each number links to the list of those entries.") \
	X(MSG_BOARD_TOTAL, "計", "Total") \
	X(MSG_BOARD_CONSOLIDATED, "取りまとめ（◎）", "Consolidated (◎)") \
	X(MSG_BOARD_CONSOLIDATED_BY, "取りまとめ：", "consolidated by ") \
	X(MSG_BOARD_GOALS, "ゴール別の進捗", "Completeness by goal") \
	X(MSG_BOARD_DONE, "提出済み・受理", "Submitted or accepted") \
	X(MSG_BOARD_PERCENT_F, "%lld件（%lld%%）", "%lld (%lld%%)") \
	X(MSG_BOARD_OVERDUE_TITLE, "期限を過ぎた未提出の取組", "Overdue entries") \
	X(MSG_BOARD_FLAGGED_TITLE, "再確認が必要な取組", "Entries flagged for re-review") \
	X(MSG_BOARD_NO_OVERDUE, "期限を過ぎた未提出の取組はありません。", "No entry is overdue.") \
	X(MSG_BOARD_NO_FLAGGED, "再確認が必要な取組はありません。", "No entry is flagged for re-review.") \
	X(MSG_BOARD_SHOW_ALL_F, "すべて表示（%lld件）", "Show all %lld") \
	X(MSG_BOARD_FILTER, "絞り込み", "Filter") \
	X(MSG_BOARD_QUICK, "よく使う絞り込み", "Quick filters") \
	X(MSG_BOARD_ONLY_OVERDUE, "期限超過のみ", "Overdue only") \
	X(MSG_BOARD_ONLY_FLAGGED, "再確認のみ", "Flagged only") \
	X(MSG_BOARD_CLEAR, "絞り込みを解除", "Clear the filters") \
	X(MSG_BOARD_LIST, "取組の一覧", "Entries") \
	X(MSG_BOARD_RANGE_F, "%lld〜%lld件目（全%lld件）", "%lld to %lld of %lld") \
	X(MSG_BOARD_EMPTY, "該当する取組はありません。", "No entry matches.") \
	X(MSG_BOARD_PAGES, "一覧のページ", "List pages") \
	X(MSG_BOARD_EDITOR_INTRO, "担当府省の取組と、その状態です。", \
	  "The entries of your ministries and their state.") \
	X(MSG_BOARD_REVIEWER_INTRO, "事務局に提出済み、または受理済みの取組です。", \
	  "The entries submitted to or accepted by the secretariat.") \
	X(MSG_BOARD_NOT_YOURS, "この府省は担当外のため、表示する取組はありません。", \
	  "This ministry is not one of yours: there is nothing to show.") \
	X(MSG_BOARD_BAD_INPUT, "入力を確認してください：", "Check the input: ") \
	X(MSG_BOARD_STALE, "この調査は他の人が更新しました。現在の状態を確認してからやり直してください：", \
	  "Someone else changed the round meanwhile; check its current state and try again: ") \
	X(MSG_BOARD_OPEN_FIRST, "この年度の調査はまだ開始されていません。", "This year's round has not been opened.") \
	/* column headings: the offline upload's preview (page/offline.c), the
	 * reminders' record (ibid.), the editions (page/edition.c) */ \
	X(MSG_OFF_ROW, "行", "Row") \
	X(MSG_OFF_ITEM, "取組", "Item") \
	X(MSG_OFF_OUTCOME, "判定", "Outcome") \
	X(MSG_OFF_DETAILS, "内容", "Details") \
	X(MSG_REM_WHEN, "日時", "When") \
	X(MSG_REM_STEP, "段階", "Step") \
	X(MSG_REM_TO, "宛先", "To") \
	X(MSG_REM_ENTRIES, "対象", "Entries") \
	X(MSG_REM_STATUS, "結果", "Status") \
	X(MSG_ED_EDITION, "版", "Edition") \
	X(MSG_ED_PUBLISHED, "公表日時", "Published") \
	X(MSG_ED_PUBLISHED_BY, "公表者", "Published by") \
	X(MSG_ED_ROWS, "行数", "Rows") \
	X(MSG_ED_CHANGES, "前の版からの変更", "Changes since the previous") \
	X(MSG_SHA256, "SHA-256", "SHA-256") \
	/* the help page */ \
	X(MSG_HELP_TITLE, "このサイトについて", "About this site") \
	X(MSG_HELP_INTRO, "医療機器基本計画（第2期）の構成と、各府省が毎年度報告するフォローアップ" \
	  "（実績・状況と次年度の取組予定）、計画の指標を掲載しています。", \
	  "This site publishes the 2nd Medical Device Basic Plan, the yearly follow-up in" \
	  " which the ministries report their results and next year's plans, and the" \
	  " plan's indicators.") \
	X(MSG_HELP_NUMBERS, "番号の見方", "What the numbers mean") \
	X(MSG_HELP_NUMBERS_TEXT, "ビジョン（1〜3）とゴール（1〜11）の番号は計画の番号です。" \
	  "計画とフォローアップ表は施策と取組に番号を付けていません。" \
	  "このサイトの施策番号（M1、M2…）と取組番号（A1、A2…）は、計画の本文に現れる順に" \
	  "このサイトが付けたもので、公式の番号ではありません。" \
	  "計画が改定されて施策や取組が増減すると、それより後の番号は変わります。" \
	  "番号が変わっても、取組ごとの固定のアドレス（/items/id/番号/）は変わりません。", \
	  "Vision (1 to 3) and goal (1 to 11) numbers are the plan's. The plan and the" \
	  " follow-up table do not number measures or action items: this site's measure" \
	  " numbers (M1, M2, ...) and action item numbers (A1, A2, ...) are its own, given" \
	  " in the order the plan's text lists them, and are not official. When a revised" \
	  " plan adds or drops measures or items, the numbers after them change; each" \
	  " action item also has a fixed address (/items/id/N/) that does not.") \
	X(MSG_HELP_EXAMPLES, "例：「施策M12」は計画の12番目の施策（＜＞の見出し）、「取組A40」は40番目の取組です。", \
	  "For example, \"Measure M12\" is the plan's 12th measure (a heading in angle" \
	  " brackets) and \"Action item A40\" its 40th action item.") \
	X(MSG_HELP_SOURCES, "出典", "Sources") \
	X(MSG_HELP_SOURCES_TEXT, "掲載している文章と数値は、次の資料から取り込んだものです。" \
	  "各ページの「出典」は資料の名称と発行者を示し、事務局向けの詳細とダウンロードには" \
	  "取り込んだファイルの名前と行を残しています。", \
	  "The texts and figures come from the documents below. Each page's source names" \
	  " the document and its publisher; the details for staff and the downloads keep" \
	  " the file name and line they were read from.") \
	X(MSG_DOCUMENT, "資料", "Document") \
	X(MSG_PUBLISHER, "発行者", "Publisher") \
	X(MSG_ISSUED, "日付", "Date") \
	X(MSG_URL, "原本の掲載先", "Original") \
	X(MSG_FILES, "ファイル", "Files") \
	X(MSG_NOT_RECORDED, "未確認", "not known") \
	X(MSG_NO_SOURCES_YET, "出典の一覧はまだ取り込まれていません（mdplan import sources）。", \
	  "No sources list has been imported yet (mdplan import sources).") \
	X(MSG_HELP_TERMS, "利用条件", "Terms of use") \
	X(MSG_HELP_TERMS_TEXT, "掲載している資料は政府標準利用規約（第2.0版）に基づいて利用しています。" \
	  "この規約はクリエイティブ・コモンズ表示4.0と互換性があり、出典を示せば加工を含めて" \
	  "利用できます。このサイトの内容とダウンロードは、資料を加工して作成したものです。" \
	  "利用する際は次のように出典を示してください。", \
	  "The documents are used under the Government of Japan Standard Terms of Use" \
	  " (version 2.0), which are compatible with CC BY 4.0: they may be reused, also" \
	  " modified, with attribution. This site's pages and downloads are edited from" \
	  " the documents. When you reuse them, attribute them like this:") \
	X(MSG_HELP_DOWNLOADS, "ダウンロードの項目", "What the downloads contain") \
	X(MSG_HELP_DOWNLOADS_TEXT, "フォローアップ表のCSV・XLSX・JSONは、日本語の項目名で、" \
	  "英語版のページからは英語の項目名でダウンロードできます。" \
	  "CSVの最後の行は出典の表示です。XLSXでは「出典」のシートに、JSONでは attribution の項目に" \
	  "あります。指標のCSVは取り込みと同じ形式のため、出典の行を含みません。", \
	  "The follow-up table's CSV, XLSX and JSON have Japanese column names, or English" \
	  " ones when downloaded from the English pages. A CSV's last line is the" \
	  " attribution; in the XLSX it is on the sheet \"Sources\", in the JSON the field" \
	  " attribution. The indicator CSVs keep the import layout and carry no attribution" \
	  " line.") \
	X(MSG_HELP_MATCH, "「計画との照合」の値", "Values of \"matched to the plan\"") \
	X(MSG_HELP_MATCH_EXACT, "表の取組の文が計画の文と（表記のゆれを除いて）同じ。", \
	  "the table's wording of the item is the plan's (up to width and case).") \
	X(MSG_HELP_MATCH_SIMILAR, "表が計画の文を少し変えて引用しており、文字の一致度で対応付けた。", \
	  "the table quotes the plan's text with small changes; matched by how many characters agree.") \
	X(MSG_HELP_MATCH_POSITION, "文は変わっているが、前後の行がすでに対応付いている位置から対応付けた。", \
	  "the wording changed, but the rows before and after it are matched, so its place gives it.") \
	X(MSG_HELP_MATCH_NONE, "計画のどの取組とも対応付けられなかった行（行は残しています）。", \
	  "a row that matches no action item of the plan (it is kept).") \
	X(MSG_HELP_UPDATED, "データの更新", "When the data were updated") \
	X(MSG_HELP_UPDATED_TEXT, "各ページの最後に、データを最後に取り込んだ、または編集した日時を示しています。", \
	  "The end of every page says when the data were last imported or edited.") \
	X(MSG_HELP_API, "データの利用（API）", "Using the data (API)") \
	X(MSG_HELP_API_TEXT, "JSON の API の一覧は /api/v1/ に、OpenAPI 3 の記述は /api/v1/openapi.json にあります。", \
	  "The JSON API lists its endpoints at /api/v1/; its OpenAPI 3 description is /api/v1/openapi.json.") \
	/* the signed-in user, my account, administration, audit (issue 13, acct) */ \
	X(MSG_NAV_USER, "利用者", "User") \
	X(MSG_NAV_ROUNDS, "ラウンド", "Rounds") \
	X(MSG_NAV_ADMIN, "管理", "Admin") \
	X(MSG_NAV_AUDIT, "監査", "Audit") \
	X(MSG_PW_CHANGE, "パスワードの変更", "Change password") \
	X(MSG_PW_OLD, "現在のパスワード", "Current password") \
	X(MSG_PW_NEW, "新しいパスワード", "New password") \
	X(MSG_PW_NEW2, "新しいパスワード（確認）", "New password (again)") \
	X(MSG_PW_HINT, "12文字以上。ユーザー名を含むもの、よく使われるもの、同じ文字の繰り返しは使えません。", \
	  "At least 12 characters; not containing the user name, not a common password, not one piece repeated.") \
	X(MSG_PW_WRONG_OLD, "現在のパスワードが正しくありません。", "The current password is not correct.") \
	X(MSG_PW_CHANGED_MEANWHILE, "確認している間に、パスワードが別の操作で変更されました。" \
	  "いまのパスワードで、もう一度お試しください。", "The password was changed elsewhere while" \
	  " this change was being checked. Try again with the current password.") \
	X(MSG_PW_MISMATCH, "新しいパスワードが確認用と一致しません。", "The new password and its repetition differ.") \
	X(MSG_PW_INVALID, "パスワードに使えない文字（制御文字など）が含まれています。", \
	  "The password contains characters that cannot be used (control characters).") \
	X(MSG_PW_SHORT, "パスワードは12文字以上にしてください。", "The password must have at least 12 characters.") \
	X(MSG_PW_LONG, "パスワードが長すぎます（1024バイトまで）。", "The password is too long (at most 1024 bytes).") \
	X(MSG_PW_NAME, "パスワードにユーザー名を含めないでください。", "The password must not contain the user name.") \
	X(MSG_PW_COMMON, "よく使われるパスワード（またはその変形）は使えません。", \
	  "That is a common password (or a variant of one).") \
	X(MSG_PW_PATTERN, "同じ並びの繰り返しは使えません。", "The password must not be one piece repeated.") \
	X(MSG_PW_THROTTLED, "現在のパスワードの誤りが続いたため、しばらく変更できません。時間をおいてやり直してください。", \
	  "Too many wrong current passwords. Wait a while and try again.") \
	X(MSG_PW_DONE, "パスワードを変更しました。ほかのセッションは終了しました。", \
	  "The password has been changed; your other sessions have been ended.") \
	X(MSG_SESSIONS, "ログイン中のセッション", "Sessions") \
	X(MSG_SESSION_CREATED, "ログイン日時", "Signed in") \
	X(MSG_SESSION_LAST, "最終利用", "Last used") \
	X(MSG_SESSION_ADDRESS, "接続元", "Address") \
	X(MSG_SESSION_AGENT, "ブラウザー", "Browser") \
	X(MSG_SESSION_THIS, "このセッション", "This session") \
	X(MSG_SESSION_END, "終了する", "End") \
	X(MSG_SESSION_END_ALL, "すべてのセッションを終了", "End all sessions") \
	X(MSG_SESSION_ENDED, "セッションを終了しました。", "The session has been ended.") \
	X(MSG_SESSION_NONE, "ログイン中のセッションはありません。", "No live sessions.") \
	X(MSG_SESSION_UNKNOWN, "そのセッションはありません（すでに終了しています）。", \
	  "There is no such session (it has ended already).") \
	X(MSG_ACT, "操作", "Action") \
	X(MSG_USERS, "利用者の管理", "Users") \
	X(MSG_ROLE_ADMIN, "管理者", "Administrator") \
	X(MSG_ROLE_SECRETARIAT, "事務局", "Secretariat") \
	X(MSG_ROLE_EDITOR, "編集者（府省）", "Editor (ministry)") \
	X(MSG_ROLE_REVIEWER, "検討会委員", "Review panel") \
	X(MSG_ROLE_DESK, "相談窓口", "Support desk") \
	X(MSG_USER_NEW, "利用者の追加", "Add a user") \
	X(MSG_USER_NAME, "ユーザー名", "User name") \
	X(MSG_USER_NAME_HINT, "3〜64文字の半角英小文字・数字・. _ -（先頭は英字か数字）", \
	  "3 to 64 of a-z 0-9 . _ - (starting with a letter or digit)") \
	X(MSG_USER_DISPLAY, "表示名", "Display name") \
	X(MSG_USER_EMAIL, "メールアドレス", "E-mail") \
	X(MSG_USER_ROLES, "役割", "Roles") \
	X(MSG_USER_MINISTRIES, "担当府省（編集者）", "Ministries (editors)") \
	X(MSG_USER_STATE, "状態", "State") \
	X(MSG_USER_ENABLED, "有効", "Enabled") \
	X(MSG_USER_DISABLED, "無効", "Disabled") \
	X(MSG_USER_LAST_LOGIN, "最終ログイン", "Last sign-in") \
	X(MSG_USER_NEVER, "なし", "never") \
	X(MSG_USER_PASSWORD, "初期パスワード", "Initial password") \
	X(MSG_USER_PASSWORD2, "初期パスワード（確認）", "Initial password (again)") \
	X(MSG_USER_ADD, "追加する", "Add") \
	X(MSG_USER_SAVE, "保存する", "Save") \
	X(MSG_USER_PROFILE, "表示名・役割", "Profile and roles") \
	X(MSG_USER_ACCESS, "利用の停止・再開", "Access") \
	X(MSG_USER_DISABLE, "無効にする（全セッション終了）", "Disable (ends every session)") \
	X(MSG_USER_ENABLE, "有効にする", "Enable") \
	X(MSG_USER_SET_PW, "パスワードの設定", "Set the password") \
	X(MSG_USER_SET_PW_BTN, "設定する", "Set") \
	X(MSG_USER_DONE, "変更を保存しました。", "The change has been saved.") \
	X(MSG_USER_ADDED, "利用者を追加しました。", "The user has been added.") \
	X(MSG_USER_TAKEN, "そのユーザー名はすでに使われています。", "That user name is taken.") \
	X(MSG_USER_RESERVED, "この名前はページの名前に使われているため、ユーザー名にできません。別の名前にしてください。", \
	  "This name is taken by a page of the site; choose another user name.") \
	X(MSG_USER_BAD_NAME, "ユーザー名は3〜64文字の半角英小文字・数字・. _ - で、先頭は英字か数字にしてください。", \
	  "The user name must be 3 to 64 of a-z 0-9 . _ -, starting with a letter or digit.") \
	X(MSG_USER_BAD_DISPLAY, "表示名は改行などの制御文字を含まない200バイトまでの文字列にしてください。", \
	  "The display name must be at most 200 bytes without control characters.") \
	X(MSG_USER_BAD_EMAIL, "メールアドレスの形式が正しくありません。", "The e-mail address is not valid.") \
	X(MSG_USER_BAD_ROLES, "役割を1つ以上選んでください。編集者には担当府省が必要で、担当府省は編集者だけに付けられます。", \
	  "Choose at least one role; an editor needs a ministry and ministries need the editor role.") \
	X(MSG_USER_LAST_ADMIN, "最後の有効な管理者からは管理者の役割を外せず、無効にもできません。", \
	  "The last enabled admin cannot lose the admin role or be disabled.") \
	X(MSG_USER_REFUSED, "この変更はできません。", "This change is not possible.") \
	X(MSG_USER_UNKNOWN, "該当する利用者はいません。", "No such user.") \
	X(MSG_AUDIT, "監査ログ", "Audit trail") \
	X(MSG_AUDIT_SINCE, "開始日", "Since") \
	X(MSG_AUDIT_UNTIL, "終了日", "Until") \
	X(MSG_AUDIT_USER, "利用者", "User") \
	X(MSG_AUDIT_ACTION, "操作", "Action") \
	X(MSG_AUDIT_FILTER, "絞り込む", "Filter") \
	X(MSG_AUDIT_DATE_HINT, "2026-12-01 または 2026-12-01T09:00:00Z（UTC）", \
	  "2026-12-01 or 2026-12-01T09:00:00Z (UTC)") \
	X(MSG_AUDIT_CSV, "CSVでダウンロード（この操作も記録されます）", "Download as CSV (this is recorded too)") \
	X(MSG_AUDIT_TIME, "日時（UTC）", "Time (UTC)") \
	X(MSG_AUDIT_ACTOR, "実行者", "Actor") \
	X(MSG_AUDIT_TARGET, "対象", "Target") \
	X(MSG_AUDIT_CHANGE, "変更前・変更後", "Before and after") \
	X(MSG_AUDIT_BEFORE, "変更前：", "Before: ") \
	X(MSG_AUDIT_AFTER, "変更後：", "After: ") \
	X(MSG_AUDIT_INTACT_F, "ハッシュチェーンは正常です（%lld件）。", "The hash chain is intact (%lld entries).") \
	X(MSG_AUDIT_BROKEN_F, "ハッシュチェーンが壊れています：%lld番目の記録", "The hash chain is broken at entry %lld") \
	X(MSG_AUDIT_COUNT_F, "%lld件中 %lld〜%lld件目（新しい順）", "%lld entries; %lld to %lld shown, newest first") \
	X(MSG_AUDIT_NONE, "該当する記録はありません。", "No entries match.") \
	X(MSG_AUDIT_BAD_DATE, "日付は 2026-12-01 または 2026-12-01T09:00:00Z の形で指定してください。", \
	  "Dates are 2026-12-01 or 2026-12-01T09:00:00Z.") \
	X(MSG_PAGING, "ページ送り", "Pages") \
	/* the follow-up round: one entry (issue 14, page/entry.c) */ \
	X(MSG_RE_ROUNDS, "フォローアップ調査", "Follow-up rounds") \
	X(MSG_RE_ENTRY, "報告", "Entry") \
	X(MSG_RE_CONSOLIDATED, "取りまとめ", "Consolidated") \
	X(MSG_RE_STATE, "状態：", "State: ") \
	X(MSG_RE_ST_DRAFT, "下書き", "Draft") \
	X(MSG_RE_ST_SUBMITTED, "提出済み", "Submitted") \
	X(MSG_RE_ST_RETURNED, "差戻し", "Returned") \
	X(MSG_RE_ST_ACCEPTED, "受理", "Accepted") \
	X(MSG_RE_FLAGGED, "受理後に変更されたため再確認が必要", "Changed after acceptance: to be reviewed again") \
	X(MSG_RE_DEADLINE, "締切：", "Deadline: ") \
	X(MSG_RE_OVERDUE, "（締切を過ぎています）", " (overdue)") \
	X(MSG_RE_CLOSED, "この調査は締め切られています。報告は変更できません。", "This round is closed: its entries take no changes.") \
	X(MSG_RE_COMMITMENT, "前年度の取組予定（今年度の報告の対象）", "Last year's plans (what this year reports against)") \
	X(MSG_RE_RESULTS, "実績・状況", "Results and status") \
	X(MSG_RE_PLANS, "取組予定", "Plans") \
	X(MSG_RE_TEXT_HELP, "1行が1段落です。「・」「-」「●」で始まる行は箇条書きになります。HTMLは使えません。", "One paragraph per line; a line starting with ・, - or ● is a list item. No HTML.") \
	X(MSG_RE_FORM, "報告の入力", "Your entry") \
	X(MSG_RE_SAVE, "下書き保存", "Save draft") \
	X(MSG_RE_SUBMIT, "提出する", "Submit") \
	X(MSG_RE_REVIEW, "事務局の確認", "Secretariat review") \
	X(MSG_RE_RETURN, "差し戻す", "Return") \
	X(MSG_RE_ACCEPT, "受理する", "Accept") \
	X(MSG_RE_REASON, "差戻しの理由", "Reason for returning") \
	X(MSG_RE_FIELD, "理由の対象", "What the reason is about") \
	X(MSG_RE_FIELD_NONE, "報告全体", "The whole entry") \
	X(MSG_RE_RETURNED_BECAUSE, "事務局からの差戻し理由：", "Returned by the secretariat: ") \
	X(MSG_RE_COOWNERS, "共同担当府省の報告", "The co-owners' entries") \
	X(MSG_RE_CONS_TEXT, "取りまとめ（公表される文）", "Consolidated text (what the official table shows)") \
	X(MSG_RE_CONS_WRITE, "取りまとめを書く", "Write the consolidated text") \
	X(MSG_RE_CONS_OPEN, "取りまとめを見る", "See the consolidated text") \
	X(MSG_RE_CONS_BY, "取りまとめた人：", "Consolidated by: ") \
	X(MSG_RE_CONS_HELP, "各府省の部分は【省名】の行で始めます（公表されるフォローアップ表と同じ）。空のときは各府省の報告を並べた案を入れています。", "Start each ministry's part with a line 【ministry name】, as the official table does. When empty, the form starts from the ministries' entries.") \
	X(MSG_RE_COMMENTS, "コメント", "Comments") \
	X(MSG_RE_NO_COMMENTS, "コメントはありません。", "No comments.") \
	X(MSG_RE_COMMENT_TEXT, "コメントを追加", "Add a comment") \
	X(MSG_RE_COMMENT_HELP, "この府省の担当者、事務局、検討会の委員が読みます。公開されません。", "Read by this ministry's editors, the secretariat and the review panel; never published.") \
	X(MSG_RE_COMMENT_POST, "コメントする", "Post the comment") \
	X(MSG_RE_HISTORY, "履歴", "History") \
	X(MSG_RE_HISTORY_ALL, "保存された版ごとの差分", "Every saved version as a diff") \
	X(MSG_RE_VERSION, "版", "Version") \
	X(MSG_RE_WHO, "変更した人", "By") \
	X(MSG_RE_WHEN, "日時", "When") \
	X(MSG_RE_CHANGE, "変更", "Change") \
	X(MSG_RE_CREATED, "調査の開始時に作成（空）", "Made when the round opened (empty)") \
	X(MSG_RE_NO_TEXT_CHANGE, "文の変更はありません。", "The texts did not change.") \
	X(MSG_RE_CONFLICT, "この報告は、あなたが読み込んだ後に変更されました。保存されている文とあなたの入力を並べて示します。確かめてから、もう一度送信してください（あなたの入力は下の欄に残っています）。", "This entry changed after you loaded it. The stored text is shown beside yours: check it, then send again (what you typed is kept in the fields below).") \
	X(MSG_RE_STORED, "保存されている文", "The stored text") \
	X(MSG_RE_YOURS, "あなたの入力", "What you typed") \
	X(MSG_RE_READONLY, "閲覧のみです（この報告を編集する権限はありません）。", "Read only: you may not edit this entry.") \
	X(MSG_RE_EMPTY, "（空）", "(empty)") \
	X(MSG_RE_SEE_HISTORY, "すべての版の差分を見る", "See every version as a diff") \
	X(MSG_RE_LAST_VERSIONS, "最近の版だけを示しています。", "Only the latest versions are shown.") \
	X(MSG_RE_BACK, "報告に戻る", "Back to the entry") \
	X(MSG_RE_OPEN, "開く", "Open") \
	X(MSG_RE_MINISTRY, "府省", "Ministry") \
	X(MSG_RE_ERROR, "送信した内容を保存できませんでした：", "What you sent was not saved: ") \
	/* the edit layer's refusals, one per enum edit_why (web/errors.c) */ \
	X(MSG_EW_TOO_LONG, "長すぎます。短くしてください。", "Too long: please shorten it.") \
	X(MSG_EW_NOT_UTF8, "文字として読めないデータが含まれています。", "Holds data that is not text (not UTF-8).") \
	X(MSG_EW_CONTROL, "使えない制御文字が含まれています（1行の欄では改行も使えません）。", \
	  "Holds a control character (a one-line field takes no line break either).") \
	X(MSG_EW_BIDI, "文字の表示順を入れ替える制御文字（U+202A～U+202E、U+2066～U+2069）が含まれています。取り除いてください。", \
	  "Holds a bidirectional control character (U+202A-U+202E, U+2066-U+2069), which changes the order text is shown in; remove it.") \
	X(MSG_EW_STALE, "読み込んだ後に、ほかの人が変更を保存しました。読み込み直してからやり直してください。", \
	  "Someone saved a change after you loaded this; reload and try again.") \
	X(MSG_EW_FORBIDDEN, "この操作の権限がありません。", "You may not do this.") \
	X(MSG_EW_VERSION, "フォームの版が正しくありません。ページを読み込み直してください。", \
	  "The form's version is missing or not valid; reload the page.") \
	X(MSG_EW_CHOICE, "選択肢にない値です。選択肢から選んでください。", "Not one of the choices: choose one of them.") \
	X(MSG_EW_DATE, "日付は 2027-01-31 のように年-月-日で入力してください。", \
	  "Give the date as year-month-day, such as 2027-01-31.") \
	X(MSG_EW_CODE, "指標コードは英数字と - _ . で40字以内です（例：G1-COURSES）。", \
	  "An indicator code is letters, digits, - _ and . (at most 40), such as G1-COURSES.") \
	X(MSG_EW_NO_INDICATOR, "その指標はありません。", "There is no such indicator.") \
	X(MSG_EW_NOTHING, "変更する内容がありません。", "There is nothing to change.") \
	X(MSG_EW_ROUND_YEAR, "年度は2000年度から2200年度までです。", "A fiscal year is 2000 to 2200.") \
	X(MSG_EW_ROUND_EXISTS, "この年度の調査はすでにあります。再開してください。", \
	  "This year has a round already: reopen it instead.") \
	X(MSG_EW_ROUND_EMPTY, "この年度の計画には府省が担当する取組がなく、調査を始められません。", \
	  "The plan in force for this year has no action item with a ministry: nothing to report on.") \
	X(MSG_EW_NO_ROUND, "この年度のフォローアップ調査はありません。", "There is no round for this year.") \
	X(MSG_EW_ROUND_SAME, "調査はすでにその状態です。", "The round is in that state already.") \
	X(MSG_EW_ROUND_CLOSED, "この調査は締め切られています。事務局が再開するまで報告は変更できません。", \
	  "This round is closed: its entries take no changes until the secretariat reopens it.") \
	X(MSG_EW_REVIEW_TEXT, "事務局は報告をそのまま差し戻すか受理します。文の変更は担当府省が行います。", \
	  "The secretariat returns or accepts an entry as it is; its ministry changes the text.") \
	X(MSG_EW_RETURN_REASON, "差戻しの理由を書いてください（府省の担当者が読みます）。", \
	  "Say why the entry goes back (the ministry reads it).") \
	X(MSG_EW_UNCHANGED, "報告はすでにこの内容です。", "The entry says this already.") \
	X(MSG_EW_ALREADY_SUBMITTED, "この報告はすでに提出（または受理）されています。", \
	  "This entry is submitted (or accepted) already.") \
	X(MSG_EW_NOT_RETURNABLE, "差し戻せるのは提出済みまたは受理済みの報告だけです。", \
	  "Only a submitted or accepted entry goes back.") \
	X(MSG_EW_NOT_ACCEPTABLE, "受理できるのは提出済みの報告だけです。", "Only a submitted entry is accepted.") \
	X(MSG_EW_RESULTS_EMPTY, "実績・状況が空です。記入してから提出してください。", \
	  "The results are empty: say what was done before submitting.") \
	X(MSG_EW_COMMENT_EMPTY, "コメントが空です。", "The comment is empty.") \
	X(MSG_EW_NO_ENTRY, "その報告はありません。", "There is no such entry.") \
	X(MSG_EW_BAD_FILE, "この調査のために書き出したExcelファイルとして読めません。", \
	  "This is not a workbook downloaded for this round.") \
	X(MSG_EW_UPLOAD_CHANGED, "確認後に入力内容が変わったため、何も書き込んでいません。新しい内容を確認して、もう一度確定してください。", \
	  "The entries changed since your preview; nothing was written. Check the new preview and confirm again.") \
	X(MSG_EW_OTHER, "変更を保存できませんでした。", "The change could not be saved.") \
	X(MSG_EW_REMIND_DAYS, "督促日は提出期限の何日前かを0～366の整数で、カンマで区切って入力してください（例：14,7,1）。", \
	  "Give the reminder days as days before the deadline, whole numbers 0-366 separated by commas (e.g. 14,7,1).") \
	X(MSG_EW_DETAIL, "詳細（ファイルの行・セル）：", "Details (row or cell in the file): ") \
	X(MSG_EW_REFUSED_TWICE, "同じ行がファイルに2回あります。", "The key is given twice in the file.") \
	X(MSG_EW_REFUSED_UNKNOWN, "この調査にない報告です。", "No such entry in this round.") \
	X(MSG_EW_REFUSED_MINISTRY, "担当府省以外の報告です。", "An entry of a ministry that is not yours.") \
	X(MSG_EW_REFUSED_DAMAGED, "隠し列（版・ダイジェスト）が変更されています。", \
	  "The hidden version or digest column was changed.") \
	/* accounts (issue 13) */ \
	X(MSG_LOGIN, "ログイン", "Sign in") \
	X(MSG_LOGOUT, "ログアウト", "Sign out") \
	X(MSG_LOGIN_USER, "ユーザー名", "User name") \
	X(MSG_LOGIN_PASSWORD, "パスワード", "Password") \
	X(MSG_LOGIN_DENIED, "ユーザー名またはパスワードが正しくありません。", \
	  "The user name or password is not correct.") \
	X(MSG_LOGIN_THROTTLED, "ログインの試行が多すぎます。しばらく待ってからやり直してください。", \
	  "Too many sign-in attempts. Wait a while and try again.") \
	X(MSG_ACCOUNT, "アカウント", "My account") \
	X(MSG_ACCOUNT_SIGNED_IN, "ログイン中のユーザー：", "Signed in as: ") \
	X(MSG_ACCOUNT_ROLES, "役割：", "Roles: ")

enum msg {
#define X(key, ja, en) key,
	MSG_LIST(X)
#undef X
	MSG_COUNT_
};

/* The string of k in language lang (0 ja, 1 en); "" for a bad key. */
const char *msg_get(enum msg k, int lang);

#endif
