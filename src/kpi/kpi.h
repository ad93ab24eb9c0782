#ifndef MD_KPI_H
#define MD_KPI_H
/*
 * kpi: how far an indicator has come toward its target. Pure arithmetic on
 * a definition and a series of yearly values; no I/O, no allocation.
 *
 * The method is the one Statistics Canada designed and Open SDG uses:
 *
 *   observed rate  CAGR_o = (y_latest / y_base) ^ (1 / (t_latest - t_base)) - 1
 *   required rate  CAGR_r = (y_target / y_base) ^ (1 / (t_target - t_base)) - 1
 *   ratio          R      = d * CAGR_o / |CAGR_r|   (d = +1 up, -1 down)
 *
 *   latest value at or past the target (in the good direction)  achieved
 *   R >= 0.95                                                    on_track
 *   0.60 <= R < 0.95                                             needs_acceleration
 *   0 <= R < 0.60                                                limited_progress
 *   R < 0                                                        deteriorating
 *   no target                                                    no_target
 *   the rates cannot be computed honestly                        not_enough_data
 *
 * Where Statistics Canada replaces a zero base or target by 0.001, this
 * module refuses: a base, latest value or target that is zero or negative
 * gives not_enough_data with the reason, and the linear progress (share of
 * the distance covered) is still reported where it is defined. The base is
 * the defined baseline, or the first available value when none is defined.
 * The latest value is the most recent year with a value; years without one
 * (not reported, or marked not available) between base and latest are
 * counted as gaps.
 */

#include "../base/base.h"

enum kpi_status {
	KPI_ACHIEVED,
	KPI_ON_TRACK,
	KPI_NEEDS_ACCELERATION,
	KPI_LIMITED_PROGRESS,
	KPI_DETERIORATING,
	KPI_NO_TARGET,
	KPI_NOT_ENOUGH_DATA,
	KPI_STATUS_COUNT_
};

/* Why a figure is missing (KPI_NOT_ENOUGH_DATA, or a rate not shown). */
enum kpi_reason {
	KPI_R_NONE,
	KPI_R_NO_VALUES,          /* no year has a value */
	KPI_R_SINGLE_VALUE,       /* no value after the base year */
	KPI_R_BASE_NOT_POSITIVE,  /* base value is zero or negative */
	KPI_R_LATEST_NOT_POSITIVE,/* latest value is zero or negative */
	KPI_R_TARGET_NOT_POSITIVE,/* target value is zero or negative */
	KPI_R_TARGET_YEAR,        /* target year is not after the base year */
	KPI_R_TARGET_IS_BASE,     /* target equals the base, and the latest
				     value has moved away from it */
	KPI_R_COUNT_
};

struct kpi_def {
	int direction;            /* +1 higher is better, -1 lower is better */
	int has_baseline;
	int baseline_year;
	double baseline_value;
	int has_target;
	int target_year;
	double target_value;
};

struct kpi_point {
	int year;
	int na;                   /* 1: marked not available (value ignored) */
	double value;
};

struct kpi_progress {
	enum kpi_status status;
	enum kpi_reason reason;   /* why not_enough_data / why no rate */
	int has_base, base_year, base_defined;
	double base_value;
	int has_latest, latest_year;
	double latest_value;
	int has_rate;  double rate;      /* observed CAGR */
	int has_required; double required; /* required CAGR */
	int has_ratio; double ratio;     /* R */
	int has_linear; double linear;   /* (latest - base) / (target - base) */
	int has_elapsed; double elapsed; /* (t_latest - t_base) / (t_target - t_base) */
	int gaps;                 /* years between base and latest without a value */
	int first_gap;            /* the first such year, 0 if none */
	int na_after;             /* years after latest marked not available */
};

/* Points may come in any order; a year should appear once (the first
 * occurrence wins). Returns 0, or MD_EUSAGE for a direction that is not
 * +1 or -1. */
int kpi_progress(const struct kpi_def *d, const struct kpi_point *p, int n,
		 struct kpi_progress *out);

/* "achieved", "on_track", ... (the codes used in the CLI, API and CSS). */
const char *kpi_status_code(enum kpi_status s);
/* The status named code, or -1. */
int kpi_status_find(const char *code);
/* 目標達成 / Target achieved, ... */
const char *kpi_status_label(enum kpi_status s, int en);
/* "single_value", ...; and a sentence for people. */
const char *kpi_reason_code(enum kpi_reason r);
const char *kpi_reason_text(enum kpi_reason r, int en);

#endif
