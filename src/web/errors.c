/*
 * The edit layer's and the accounts' refusals in the page's language: one
 * message per enum edit_why (edit.h) and per enum auth_why (auth.h), so
 * that a form shows a refusal in Japanese on a Japanese page and in
 * English on an English one, whatever the edit's or auth's own (English,
 * command-line) message says.
 */
#include "../html/msg.h"
#include "internal.h"

static const enum msg why_msg[EDIT_WHY_COUNT_] = {
	[EDIT_WHY_TOO_LONG] = MSG_EW_TOO_LONG,
	[EDIT_WHY_NOT_UTF8] = MSG_EW_NOT_UTF8,
	[EDIT_WHY_CONTROL] = MSG_EW_CONTROL,
	[EDIT_WHY_STALE] = MSG_EW_STALE,
	[EDIT_WHY_FORBIDDEN] = MSG_EW_FORBIDDEN,
	[EDIT_WHY_VERSION] = MSG_EW_VERSION,
	[EDIT_WHY_REQUIRED] = MSG_IE_ERR_REQUIRED,
	[EDIT_WHY_CHOICE] = MSG_EW_CHOICE,
	[EDIT_WHY_YEAR] = MSG_IE_ERR_YEAR,
	[EDIT_WHY_NUMBER] = MSG_IE_ERR_NUMBER,
	[EDIT_WHY_GOAL] = MSG_IE_ERR_GOAL,
	[EDIT_WHY_MEASURE] = MSG_IE_ERR_MEASURE,
	[EDIT_WHY_NOT_IN_PLAN] = MSG_IE_ERR_NOT_IN_PLAN,
	[EDIT_WHY_DATE] = MSG_EW_DATE,
	[EDIT_WHY_CODE] = MSG_EW_CODE,
	[EDIT_WHY_NO_INDICATOR] = MSG_EW_NO_INDICATOR,
	[EDIT_WHY_VALUE_REASON] = MSG_IE_ERR_REASON,
	[EDIT_WHY_NOTHING] = MSG_EW_NOTHING,
	[EDIT_WHY_ROUND_YEAR] = MSG_EW_ROUND_YEAR,
	[EDIT_WHY_ROUND_EXISTS] = MSG_EW_ROUND_EXISTS,
	[EDIT_WHY_ROUND_EMPTY] = MSG_EW_ROUND_EMPTY,
	[EDIT_WHY_NO_ROUND] = MSG_EW_NO_ROUND,
	[EDIT_WHY_ROUND_SAME] = MSG_EW_ROUND_SAME,
	[EDIT_WHY_ROUND_CLOSED] = MSG_EW_ROUND_CLOSED,
	[EDIT_WHY_REVIEW_TEXT] = MSG_EW_REVIEW_TEXT,
	[EDIT_WHY_RETURN_REASON] = MSG_EW_RETURN_REASON,
	[EDIT_WHY_UNCHANGED] = MSG_EW_UNCHANGED,
	[EDIT_WHY_ALREADY_SUBMITTED] = MSG_EW_ALREADY_SUBMITTED,
	[EDIT_WHY_NOT_RETURNABLE] = MSG_EW_NOT_RETURNABLE,
	[EDIT_WHY_NOT_ACCEPTABLE] = MSG_EW_NOT_ACCEPTABLE,
	[EDIT_WHY_RESULTS_EMPTY] = MSG_EW_RESULTS_EMPTY,
	[EDIT_WHY_COMMENT_EMPTY] = MSG_EW_COMMENT_EMPTY,
	[EDIT_WHY_NO_ENTRY] = MSG_EW_NO_ENTRY,
	[EDIT_WHY_BAD_FILE] = MSG_EW_BAD_FILE,
	[EDIT_WHY_UPLOAD_CHANGED] = MSG_EW_UPLOAD_CHANGED,
	[EDIT_WHY_REMIND_DAYS] = MSG_EW_REMIND_DAYS,
};

const char *web_edit_why(enum edit_why why, int en)
{
	/* 0 is no entry of the table (MSG_SITE_SUFFIX is no refusal) */
	if ((unsigned)why >= EDIT_WHY_COUNT_ || why == EDIT_WHY_NONE || !why_msg[why])
		return NULL;
	return msg_get(why_msg[why], en);
}

const char *web_edit_error(const struct edit *ed, int en)
{
	const char *s = web_edit_why(edit_errwhy(ed), en);

	return s ? s : msg_get(MSG_EW_OTHER, en);
}

static const enum msg auth_msg[AUTH_WHY_COUNT_] = {
	[AUTH_WHY_FORBIDDEN] = MSG_EW_FORBIDDEN,
	[AUTH_WHY_NO_USER] = MSG_USER_UNKNOWN,
	[AUTH_WHY_BAD_NAME] = MSG_USER_BAD_NAME,
	[AUTH_WHY_NAME_RESERVED] = MSG_USER_RESERVED,
	[AUTH_WHY_NAME_TAKEN] = MSG_USER_TAKEN,
	[AUTH_WHY_BAD_DISPLAY] = MSG_USER_BAD_DISPLAY,
	[AUTH_WHY_BAD_EMAIL] = MSG_USER_BAD_EMAIL,
	[AUTH_WHY_ROLES] = MSG_USER_BAD_ROLES,
	[AUTH_WHY_LAST_ADMIN] = MSG_USER_LAST_ADMIN,
	[AUTH_WHY_PW_INVALID] = MSG_PW_INVALID,
	[AUTH_WHY_PW_SHORT] = MSG_PW_SHORT,
	[AUTH_WHY_PW_LONG] = MSG_PW_LONG,
	[AUTH_WHY_PW_NAME] = MSG_PW_NAME,
	[AUTH_WHY_PW_COMMON] = MSG_PW_COMMON,
	[AUTH_WHY_PW_PATTERN] = MSG_PW_PATTERN,
	[AUTH_WHY_OLD_PASSWORD] = MSG_PW_WRONG_OLD,
	[AUTH_WHY_THROTTLED] = MSG_PW_THROTTLED,
	[AUTH_WHY_NO_SESSION] = MSG_SESSION_UNKNOWN,
};

const char *web_auth_why(enum auth_why why, int en)
{
	if ((unsigned)why >= AUTH_WHY_COUNT_ || why == AUTH_WHY_NONE || !auth_msg[why])
		return NULL;
	return msg_get(auth_msg[why], en);
}
