/*
 * The reminder schedule of `mdplan serve --smtp URL` (web.h,
 * web_remind_start()): a thread that, at start and then every interval
 * seconds, runs edit_round_remind() for every open round as cli:schedule.
 * It keeps a database connection of its own (the server's writer lock is
 * never held while a relay talks); the store's record makes each step
 * reach each editor once, however often this runs or the server restarts.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../edit/edit.h"
#include "internal.h"

struct web_remind {
	struct web_remind_opts o;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	FILE *info;
};

static void tick(struct web_remind *w, struct store *st, struct edit *ed)
{
	static const struct store_actor actor = { STORE_ACTOR_CLI, "schedule" };
	struct store_filter f;
	struct store_round_row *r;
	struct arena *a = arena_new();
	int n, i;

	if (!a)
		return;
	memset(&f, 0, sizeof(f));
	if (store_load_round(st, &f, a, &r, &n))
		n = 0;
	for (i = 0; i < n; i++) {
		struct edit_remind rm;
		struct edit_remind_result res;

		if (strcmp(r[i].state, "open"))
			continue;
		memset(&rm, 0, sizeof(rm));
		rm.year = (int)r[i].fiscal_year;
		rm.days = w->o.days;
		rm.ndays = w->o.ndays;
		rm.relay = w->o.relay;
		rm.from = w->o.from;
		rm.site = w->o.site;
		rm.retry = 3600;
		if (edit_round_remind(ed, &actor, &rm, a, &res)) {
			if (w->info)
				fprintf(w->info, "reminders FY%d: %s\n", rm.year, edit_errmsg(ed));
		} else if (w->info && (res.sent || res.failed)) {
			fprintf(w->info, "reminders FY%d %s: %d sent, %d failed\n", rm.year,
				res.step, res.sent, res.failed);
		}
	}
	if (w->info)
		fflush(w->info);
	arena_free(a);
}

static void *run(void *arg)
{
	struct web_remind *w = arg;
	struct store *st = NULL;
	struct auth *au = NULL;
	struct edit *ed = NULL;
	struct edit_auth ea;

	if (store_open(w->o.db_path, 0, &st) || auth_new(st, NULL, &au) ||
	    !(ed = web_edit_new(st, au, "", "schedule", &ea))) {
		if (w->info)
			fprintf(w->info, "reminders: cannot open %s\n", w->o.db_path);
		goto out;
	}
	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		struct timespec until;

		pthread_mutex_unlock(&w->mu);
		tick(w, st, ed);
		pthread_mutex_lock(&w->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w->o.interval > 0 ? w->o.interval : 3600;
		while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&w->mu);
out:
	edit_free(ed);
	auth_free(au);
	store_close(st);
	return NULL;
}

int web_remind_start(const struct web_remind_opts *o, FILE *info, struct web_remind **out)
{
	struct web_remind *w = calloc(1, sizeof(*w));

	if (!w)
		return MD_ENOMEM;
	w->o = *o;
	w->info = info;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->thread, NULL, run, w)) {
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		free(w);
		return MD_ENOMEM;
	}
	*out = w;
	return 0;
}

void web_remind_stop(struct web_remind *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
