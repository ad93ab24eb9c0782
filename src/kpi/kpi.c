#include <math.h>
#include <string.h>

#include "kpi.h"

static const struct {
	const char *code, *ja, *en;
} statuses[KPI_STATUS_COUNT_] = {
	[KPI_ACHIEVED] = { "achieved", "目標達成", "Target achieved" },
	[KPI_ON_TRACK] = { "on_track", "順調", "On track" },
	[KPI_NEEDS_ACCELERATION] = { "needs_acceleration", "進捗あり・加速が必要",
				     "Progress made, acceleration needed" },
	[KPI_LIMITED_PROGRESS] = { "limited_progress", "進捗が限定的",
				   "Limited progress" },
	[KPI_DETERIORATING] = { "deteriorating", "悪化", "Deteriorating" },
	[KPI_NO_TARGET] = { "no_target", "目標未設定", "No target set" },
	[KPI_NOT_ENOUGH_DATA] = { "not_enough_data", "データ不足",
				  "Not enough data" },
};

static const struct {
	const char *code, *ja, *en;
} reasons[KPI_R_COUNT_] = {
	[KPI_R_NONE] = { "", "", "" },
	[KPI_R_NO_VALUES] = { "no_values", "値のある年がありません。",
			      "No year has a value." },
	[KPI_R_SINGLE_VALUE] = { "single_value",
		"基準年より後の値がなく、変化率を計算できません。",
		"There is no value after the base year, so no rate can be computed." },
	[KPI_R_BASE_NOT_POSITIVE] = { "base_not_positive",
		"基準値が0以下のため、年平均成長率を計算できません（0.001などで置き換える推計はしていません）。",
		"The base value is zero or negative, so the compound growth rate is undefined (no substitute such as 0.001 is used)." },
	[KPI_R_LATEST_NOT_POSITIVE] = { "latest_not_positive",
		"最新値が0以下のため、年平均成長率を計算できません。",
		"The latest value is zero or negative, so the compound growth rate is undefined." },
	[KPI_R_TARGET_NOT_POSITIVE] = { "target_not_positive",
		"目標値が0以下のため、必要な成長率を計算できません。直線的な進捗のみ示します。",
		"The target is zero or negative, so the required growth rate is undefined; only linear progress is shown." },
	[KPI_R_TARGET_YEAR] = { "target_year_not_after_base",
		"目標年が基準年より後ではありません。",
		"The target year is not after the base year." },
	[KPI_R_TARGET_IS_BASE] = { "target_equals_base",
		"目標値が基準値と同じで、最新値は目標から遠ざかっています。",
		"The target equals the base value and the latest value has moved away from it." },
};

const char *kpi_status_code(enum kpi_status s)
{
	return (unsigned)s < KPI_STATUS_COUNT_ ? statuses[s].code : "";
}

int kpi_status_find(const char *code)
{
	int i;

	for (i = 0; i < KPI_STATUS_COUNT_; i++) {
		if (!strcmp(statuses[i].code, code))
			return i;
	}
	return -1;
}

const char *kpi_status_label(enum kpi_status s, int en)
{
	if ((unsigned)s >= KPI_STATUS_COUNT_)
		return "";
	return en ? statuses[s].en : statuses[s].ja;
}

const char *kpi_reason_code(enum kpi_reason r)
{
	return (unsigned)r < KPI_R_COUNT_ ? reasons[r].code : "";
}

const char *kpi_reason_text(enum kpi_reason r, int en)
{
	if ((unsigned)r >= KPI_R_COUNT_)
		return "";
	return en ? reasons[r].en : reasons[r].ja;
}

/* The first point of each year, available or not. */
static int seen_before(const struct kpi_point *p, int i)
{
	int j;

	for (j = 0; j < i; j++) {
		if (p[j].year == p[i].year)
			return 1;
	}
	return 0;
}

static int available(const struct kpi_point *p, int n, int year)
{
	int i;

	for (i = 0; i < n; i++) {
		if (p[i].year == year && !seen_before(p, i))
			return !p[i].na && isfinite(p[i].value);
	}
	return 0;
}

/* Compound annual growth rate from `from` to `to` over `years` years. */
static double cagr(double from, double to, int years)
{
	return pow(to / from, 1.0 / years) - 1;
}

static enum kpi_status by_ratio(double r)
{
	if (r >= 0.95)
		return KPI_ON_TRACK;
	if (r >= 0.60)
		return KPI_NEEDS_ACCELERATION;
	if (r >= 0)
		return KPI_LIMITED_PROGRESS;
	return KPI_DETERIORATING;
}

int kpi_progress(const struct kpi_def *d, const struct kpi_point *p, int n,
		 struct kpi_progress *o)
{
	int i, y, first = 0, have_first = 0, dir;
	double first_value = 0;

	memset(o, 0, sizeof(*o));
	if (d->direction != 1 && d->direction != -1)
		return MD_EUSAGE;
	dir = d->direction;
	for (i = 0; i < n; i++) {
		if (seen_before(p, i) || p[i].na || !isfinite(p[i].value))
			continue;
		if (!o->has_latest || p[i].year > o->latest_year) {
			o->has_latest = 1;
			o->latest_year = p[i].year;
			o->latest_value = p[i].value;
		}
		if (!have_first || p[i].year < first) {
			have_first = 1;
			first = p[i].year;
			first_value = p[i].value;
		}
	}
	for (i = 0; i < n; i++) {
		if (!seen_before(p, i) && p[i].na && o->has_latest &&
		    p[i].year > o->latest_year)
			o->na_after++;
	}
	if (d->has_baseline) {
		o->has_base = 1;
		o->base_defined = 1;
		o->base_year = d->baseline_year;
		o->base_value = d->baseline_value;
	} else if (have_first) {
		o->has_base = 1;
		o->base_year = first;
		o->base_value = first_value;
	}
	if (o->has_base && o->has_latest) {
		for (y = o->base_year + 1; y < o->latest_year; y++) {
			if (!available(p, n, y)) {
				if (!o->gaps)
					o->first_gap = y;
				o->gaps++;
			}
		}
	}
	/* linear progress: defined whenever target and base differ */
	if (d->has_target && o->has_base && o->has_latest &&
	    o->latest_year >= o->base_year && d->target_value != o->base_value) {
		o->has_linear = 1;
		o->linear = (o->latest_value - o->base_value) /
			(d->target_value - o->base_value) + 0.0;
		if (o->linear == 0)
			o->linear = 0;   /* not -0 */
	}
	if (d->has_target && o->has_base && o->has_latest &&
	    o->latest_year >= o->base_year && d->target_year > o->base_year) {
		o->has_elapsed = 1;
		o->elapsed = (double)(o->latest_year - o->base_year) /
			(double)(d->target_year - o->base_year);
	}

	if (!o->has_latest) {
		o->reason = KPI_R_NO_VALUES;
		o->status = d->has_target ? KPI_NOT_ENOUGH_DATA : KPI_NO_TARGET;
		return 0;
	}
	if (d->has_target && dir * (o->latest_value - d->target_value) >= 0) {
		o->status = KPI_ACHIEVED;
		/* the rates are still shown when they exist */
	} else {
		o->status = d->has_target ? KPI_NOT_ENOUGH_DATA : KPI_NO_TARGET;
	}

	/* the observed rate */
	if (o->latest_year <= o->base_year)
		o->reason = KPI_R_SINGLE_VALUE;
	else if (o->base_value <= 0)
		o->reason = KPI_R_BASE_NOT_POSITIVE;
	else if (o->latest_value <= 0)
		o->reason = KPI_R_LATEST_NOT_POSITIVE;
	else {
		o->has_rate = 1;
		o->rate = cagr(o->base_value, o->latest_value,
			       o->latest_year - o->base_year);
	}
	if (!d->has_target || o->status == KPI_ACHIEVED) {
		if (o->status == KPI_ACHIEVED)
			o->reason = KPI_R_NONE;
		if (o->status == KPI_ACHIEVED && o->has_rate && d->target_value > 0 &&
		    d->target_year > o->base_year) {
			o->has_required = 1;
			o->required = cagr(o->base_value, d->target_value,
					   d->target_year - o->base_year);
		}
		return 0;
	}
	if (!o->has_rate)
		return 0;                      /* not_enough_data, reason set */
	if (d->target_value <= 0) {
		o->reason = KPI_R_TARGET_NOT_POSITIVE;
		return 0;
	}
	if (d->target_year <= o->base_year) {
		o->reason = KPI_R_TARGET_YEAR;
		return 0;
	}
	o->has_required = 1;
	o->required = cagr(o->base_value, d->target_value,
			   d->target_year - o->base_year);
	if (d->target_value == o->base_value) {
		/* not achieved, so the latest value is on the wrong side */
		o->required = 0;
		o->reason = KPI_R_TARGET_IS_BASE;
		o->status = KPI_DETERIORATING;
		return 0;
	}
	o->has_ratio = 1;
	o->ratio = dir * o->rate / fabs(o->required);
	o->status = by_ratio(o->ratio);
	return 0;
}
