/* Labels of the evaluation enums in Bahasa Indonesia and English, and their
 * IATI codes. One table per enum, indexed by value: {id, en}. */
#include "kemitraan/indicator.h"
#include "kemitraan/scorecard.h"

typedef struct label { const char *text[2]; } label;

static const char *pick(const label *t, int count, int v, int lang)
{
    if (v < 0 || v >= count) return "?";
    return t[v].text[lang == KM_LANG_ID ? 0 : 1]; /* anything but Indonesian is English */
}

static const label result_level_labels[] = {
    { { "keluaran", "output" } },
    { { "hasil", "outcome" } },
    { { "dampak", "impact" } },
    { { "lainnya", "other" } },
};
static const int result_level_iati[] = { 1, 2, 3, 9 };

const char *km_result_level_label(int level, int lang)
{
    return pick(result_level_labels, KM_RESULT_LEVEL__COUNT, level, lang);
}

int km_result_level_iati(int level)
{
    return level >= 0 && level < KM_RESULT_LEVEL__COUNT ? result_level_iati[level] : -1;
}

static const label measure_labels[] = {
    { { "satuan", "unit" } },
    { { "persentase", "percentage" } },
    { { "nominal", "nominal" } },
    { { "ordinal", "ordinal" } },
    { { "kualitatif", "qualitative" } },
    { { "rasio", "ratio" } },
};
static const int measure_iati[] = { 1, 2, 3, 4, 5, -1 };

const char *km_measure_label(int measure, int lang) { return pick(measure_labels, KM_MEASURE__COUNT, measure, lang); }

int km_measure_iati(int measure) { return measure >= 0 && measure < KM_MEASURE__COUNT ? measure_iati[measure] : -1; }

static const label direction_labels[] = {
    { { "naik (makin tinggi makin baik)", "ascending (higher is better)" } },
    { { "turun (makin rendah makin baik)", "descending (lower is better)" } },
};

const char *km_direction_label(int direction, int lang)
{
    return pick(direction_labels, KM_DIRECTION__COUNT, direction, lang);
}

static const label frequency_labels[] = {
    { { "bulanan", "monthly" } },
    { { "triwulanan", "quarterly" } },
    { { "semesteran", "semiannual" } },
    { { "tahunan", "annual" } },
};

const char *km_frequency_label(int frequency, int lang)
{
    return pick(frequency_labels, KM_FREQUENCY__COUNT, frequency, lang);
}

static const label time_agg_labels[] = {
    { { "jumlah", "sum" } },
    { { "nilai terakhir", "last value" } },
    { { "rata-rata", "average" } },
    { { "maksimum", "maximum" } },
    { { "minimum", "minimum" } },
};

const char *km_time_aggregation_label(int rule, int lang) { return pick(time_agg_labels, KM_TIME_AGG__COUNT, rule, lang); }

static const label cross_agg_labels[] = {
    { { "jumlah", "sum" } },
    { { "rata-rata", "average" } },
    { { "rata-rata tertimbang", "weighted average" } },
};

const char *km_cross_aggregation_label(int rule, int lang)
{
    return pick(cross_agg_labels, KM_CROSS_AGG__COUNT, rule, lang);
}

static const label indicator_status_labels[] = {
    { { "aktif", "active" } },
    { { "dihentikan", "retired" } },
};

const char *km_indicator_status_label(int status, int lang)
{
    return pick(indicator_status_labels, KM_INDICATOR_STATUS__COUNT, status, lang);
}

static const label measurement_status_labels[] = {
    { { "draf", "draft" } },
    { { "diajukan", "submitted" } },
    { { "disetujui", "approved" } },
    { { "dikembalikan untuk perbaikan", "returned for revision" } },
    { { "digantikan", "superseded" } },
};

const char *km_measurement_status_label(int status, int lang)
{
    return pick(measurement_status_labels, KM_MEASUREMENT_STATUS__COUNT, status, lang);
}

static const label progress_status_labels[] = {
    { { "belum ada data", "no data" } },
    { { "sesuai rencana", "on track" } },
    { { "berisiko", "at risk" } },
    { { "tidak sesuai rencana", "off track" } },
    { { "tidak dinilai", "not scored" } },
};

const char *km_progress_status_label(int status, int lang)
{
    return pick(progress_status_labels, KM_PROGRESS_STATUS__COUNT, status, lang);
}

static const label scope_labels[] = {
    { { "perjanjian", "agreement" } },
    { { "mitra", "partner" } },
    { { "kerangka kebijakan", "policy framework" } },
    { { "rumpun kemitraan", "partnership family" } },
    { { "dimensi manfaat", "benefit dimension" } },
    { { "jaringan", "network" } },
};

const char *km_scorecard_scope_label(int scope, int lang) { return pick(scope_labels, KM_SCOPE__COUNT, scope, lang); }

static const label health_labels[] = {
    { { "kinerja", "performance" } },
    { { "kepatuhan pelaporan", "reporting compliance" } },
    { { "cakupan data", "data coverage" } },
};

const char *km_health_component_label(int component, int lang)
{
    return pick(health_labels, KM_HEALTH__COUNT, component, lang);
}

static const label report_kind_labels[] = {
    { { "belum dilaporkan", "missing" } },
    { { "terlambat", "late" } },
};

const char *km_report_kind_label(int kind, int lang) { return pick(report_kind_labels, KM_REPORT_KIND__COUNT, kind, lang); }
