/*
 * The message table's strings, generated from MSG_LIST (msg.h).
 */
#include "msg.h"

static const char *const text[MSG_COUNT_][MSG_LANGS] = {
#define X(key, ja, en) [key] = { ja, en },
	MSG_LIST(X)
#undef X
};

const char *msg_get(enum msg k, int lang)
{
	if ((unsigned)k >= MSG_COUNT_)
		return "";
	if (lang < 0 || lang >= MSG_LANGS)
		lang = 0;
	return text[k][lang];
}
