#ifndef MD_MSG_H
#define MD_MSG_H
/*
 * The message table: every label a page, a form or the chart shows, in
 * Japanese and English, looked up by key. A misspelt key does not compile;
 * a wording change is one line here; a third language is one more column
 * in MSG_LIST and one more MSG_LANGS.
 *
 * The strings are ours and are written as they are (html_msg()): they hold
 * no markup and no '&' or '<' (a unit test checks). A key ending in _F is
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
	X(MSG_MINISTRY_SEP, "、", ", ")

enum msg {
#define X(key, ja, en) key,
	MSG_LIST(X)
#undef X
	MSG_COUNT_
};

/* The string of k in language lang (0 ja, 1 en); "" for a bad key. */
const char *msg_get(enum msg k, int lang);

#endif
