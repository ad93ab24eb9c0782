#ifndef MD_BANNED_H
#define MD_BANNED_H
/*
 * Functions that are too easy to misuse. Include this after every system
 * header (base.h does it for you); a call to one of them fails to compile.
 * Use buf_*() for strings and num_parse_*() for numbers instead.
 */
#define MD_BANNED(func) sorry_##func##_is_banned_in_mdplan

#undef strcpy
#define strcpy(x, y) MD_BANNED(strcpy)
#undef strcat
#define strcat(x, y) MD_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) MD_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) MD_BANNED(strncat)
#undef sprintf
#define sprintf(...) MD_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) MD_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) MD_BANNED(strtok)
#undef atoi
#define atoi(x) MD_BANNED(atoi)
#undef atol
#define atol(x) MD_BANNED(atol)
#undef localtime
#define localtime(x) MD_BANNED(localtime)
#undef gmtime
#define gmtime(x) MD_BANNED(gmtime)
#undef gets
#define gets(x) MD_BANNED(gets)

#endif
