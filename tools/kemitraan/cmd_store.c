/* cmd_store.c: commands about the store as a whole: init, stats, verify,
 * audit, snapshot. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "enums.h"
#include "progress.h"
#include "util.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }
#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* ---- init -------------------------------------------------------------- */

static int path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 || errno != ENOENT;
}

static int cmd_init(cli_ctx *ctx, const cli_args *args)
{
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network_options o;
    km_storage *st = NULL;
    km_network *net = NULL;
    char *snap;
    out_row *row;
    int fd, rc, exists;
    (void)args;
    if (!ctx->store || !*ctx->store) return cli_usage(ctx, M_NO_STORE);
    if (ctx->read_only) {
        fprintf(stderr, "kemitraan: %s\n", km_strerror_lang(KM_EREADONLY, ctx->lang));
        return CLI_EXIT_STORE;
    }
    /* A store is the log and its snapshot side file: neither may exist. */
    snap = (char *)cli_xmalloc(strlen(ctx->store) + 6);
    strcpy(snap, ctx->store);
    strcat(snap, "-snap");
    exists = path_exists(snap);
    free(snap);
    if (exists || path_exists(ctx->store)) return cli_error(ctx, CLI_EXIT_CONFLICT, M_STORE_EXISTS, ctx->store);
    /* O_EXCL: of two concurrent inits, one creates and the other refuses. */
    fd = open(ctx->store, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        if (errno == EEXIST) return cli_error(ctx, CLI_EXIT_CONFLICT, M_STORE_EXISTS, ctx->store);
        return cli_error(ctx, CLI_EXIT_STORE, M_CANNOT_CREATE, ctx->store, strerror(errno));
    }
    close(fd);
    /* The library writes the header into the empty file. */
    fo.sync = ctx->sync;
    fo.no_create = 1;
    rc = km_storage_file_open(&st, ctx->store, &fo);
    if (rc == 0) {
        cli_network_options(ctx, &o, 0);
        rc = km_network_open(&net, st, &o);
    }
    if (rc) {
        rc = cli_fail_open(ctx, rc);
        km_storage_free(st);
        unlink(ctx->store);
        return rc;
    }
    km_network_close(net);
    km_storage_free(st);
    row = out_row_new();
    out_str(row, "store", ctx->store);
    out_u64(row, "log_entries", 0);
    out_str(row, "head_hash", ZERO_HASH);
    return cli_emit(ctx, row);
}

/* ---- stats ------------------------------------------------------------- */

static int cmd_stats(cli_ctx *ctx, const cli_args *args)
{
    km_network_stats s = KM_NETWORK_STATS_INIT;
    char head[65];
    out_row *row;
    size_t kinds;
    int rc, k;
    (void)args;
    if ((rc = km_network_stats_get(&s, ctx->net)) != 0 || (rc = km_network_head_hash(head, ctx->net)) != 0)
        return cli_fail(ctx, rc);
    row = out_row_new();
    out_str(row, "store", ctx->store);
    if (ctx->as_of_seq) out_u64(row, "as_of_seq", ctx->as_of_seq);
    else out_null(row, "as_of_seq");
    if (ctx->as_of_time) out_time(row, "as_of", ctx->as_of_time);
    else out_null(row, "as_of");
    out_u64(row, "log_entries", s.log_entries);
    out_u64(row, "log_events", s.log_events);
    out_u64(row, "log_bytes", s.log_bytes);
    out_str(row, "head_hash", head);
    out_u64(row, "partners", s.partners);
    out_u64(row, "partners_active", s.partners_active);
    out_u64(row, "partners_suspended", s.partners_suspended);
    out_u64(row, "partners_archived", s.partners_archived);
    out_u64(row, "agreements", s.agreements);
    out_u64(row, "agreements_active", s.agreements_active);
    out_u64(row, "frameworks", s.frameworks);
    out_u64(row, "commitments", s.commitments);
    out_u64(row, "disputes", s.disputes);
    out_u64(row, "disputes_open", s.disputes_open);
    out_u64(row, "indicators", s.indicators);
    out_u64(row, "measurements", s.measurements);
    out_u64(row, "opportunities", s.opportunities);
    out_u64(row, "interests", s.interests);
    kinds = out_rows(row, "partners_by_kind", "kind,count", 1);
    for (k = 0; k < KM_PARTNER_KIND__COUNT; k++) {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        uint64_t n = 0;
        out_row *r;
        q.kind = k;
        if ((rc = km_partner_count(&n, ctx->net, &q)) != 0) {
            out_row_free(row);
            return cli_fail(ctx, rc);
        }
        if (n == 0) continue;
        r = out_row_new();
        cli_enum_out(r, "kind", &cli_enum_partner_kind, k, ctx->lang);
        out_u64(r, "count", n);
        out_rows_add(row, kinds, r);
    }
    return cli_emit(ctx, row);
}

/* ---- verify ------------------------------------------------------------ */

enum { V_EXPECT_HEAD = 1, V_EXPECT_HEAD_SEQ, V_SNAPSHOT };

static const cli_opt verify_opts[] = {
    { "expect-head", V_EXPECT_HEAD, 1, "HASH",
      { "hash kepala yang diumumkan sebelumnya (64 digit heksadesimal); harus cocok",
        "a head hash published earlier (64 hex digits); must match" } },
    { "expect-head-seq", V_EXPECT_HEAD_SEQ, 1, "N",
      { "entri milik --expect-head (bawaan: entri terakhir)", "the entry --expect-head belongs to (default: the last)" } },
    { "snapshot", V_SNAPSHOT, 0, NULL,
      { "juga memeriksa bahwa snapshot yang dipakai memberi keadaan yang sama dengan memutar ulang seluruh log",
        "also check that the snapshot the open used gives the state a replay of the whole log gives" } },
    NO_OPTS,
};

static int copy_hash(cli_ctx *ctx, const cli_optval *o, char *out)
{
    size_t i;
    for (i = 0; o->value[i]; i++) {
        char c = o->value[i];
        if (i == 64) break;
        if (c >= 'A' && c <= 'F') c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) break;
        out[i] = c;
    }
    if (i != 64 || o->value[i]) return cli_usage(ctx, M_BAD_HASH, o->name);
    out[64] = '\0';
    return 0;
}

static void copy_message(cli_ctx *ctx, int rc, char *out, size_t cap)
{
    const char *m = km_error_last_message(ctx->lang);
    if (!m || !*m || km_error_last() != rc) m = km_strerror_lang(rc, ctx->lang);
    snprintf(out, cap, "%s", m);
}

/* What verify --snapshot found: the snapshot the open used (seq 0: none,
 * the whole log was replayed, and there is nothing to compare), the state
 * hash of that open and the one of a replay of the whole log (the same
 * hash when seq is 0). */
typedef struct snap_check {
    uint64_t seq;
    char hash[65], log_hash[65];
} snap_check;

/* Opens a second network on st with no snapshot and compares the state
 * hashes (km_network_state_hash): the snapshot net was opened from must
 * give the state the log alone gives. 0, or the library's error. */
static int check_snapshot_of(snap_check *sc, km_storage *st, km_network *net, const km_network_options *o0)
{
    km_network_options o = *o0;
    km_network *full = NULL;
    int rc;
    sc->seq = km_network_snapshot_seq(net);
    if ((rc = km_network_state_hash(sc->hash, net)) != 0) return rc;
    if (!sc->seq) {
        memcpy(sc->log_hash, sc->hash, sizeof sc->hash); /* this open replayed the whole log */
        return 0;
    }
    o.no_snapshot = 1;
    /* At the first open's sequence: a writer appending in between must
     * not make the two states differ by entries instead of by the
     * snapshot. */
    o.as_of_seq = km_network_seq(net);
    cli_progress_phase(st, L_PHASE_OPEN);
    rc = km_network_open(&full, st, &o);
    if (rc == 0) rc = km_network_state_hash(sc->log_hash, full);
    km_network_close(full);
    return rc;
}

/* Whether the check found a snapshot whose state is not the log's. */
static int snapshot_differs(const snap_check *sc) { return sc->seq && strcmp(sc->hash, sc->log_hash) != 0; }

static int cmd_verify(cli_ctx *ctx, const cli_args *args)
{
    km_verify_report rep = KM_VERIFY_REPORT_INIT;
    km_network_options o;
    km_storage *st = NULL;
    km_network *net = NULL;
    char expect[65], open_msg[600], msg[600];
    const char *expected = NULL;
    uint64_t expect_seq = 0;
    out_row *row;
    size_t i;
    int rc, open_rc, exit_code = 0, check_snapshot = 0, check_failed = 0;
    snap_check sc;

    for (i = 0; i < args->nopts; i++) {
        const cli_optval *ov = &args->opts[i];
        if (ov->id == V_EXPECT_HEAD) {
            if (copy_hash(ctx, ov, expect)) return CLI_EXIT_USAGE;
            expected = expect;
        } else if (ov->id == V_EXPECT_HEAD_SEQ && cli_value_u64(ctx, ov, &expect_seq)) {
            return CLI_EXIT_USAGE;
        } else if (ov->id == V_SNAPSHOT) {
            check_snapshot = 1;
        }
    }
    if (!ctx->store || !*ctx->store) return cli_usage(ctx, M_NO_STORE);
    msg[0] = open_msg[0] = '\0';
    row = out_row_new();
    out_str(row, "store", ctx->store);

    rc = cli_open_storage(ctx, &st, 1);
    if (rc == KM_ECORRUPT) {
        /* The file store checks the checksum of every frame it reads at
         * open (all of them without a snapshot; those after it with one):
         * a damaged frame there is found here, its message naming the
         * entry and the byte offset. Nothing more can be read. A damaged
         * frame before the snapshot is found by the verification below,
         * which names its entry. */
        copy_message(ctx, rc, msg, sizeof msg);
        out_bool(row, "intact", 0);
        out_bool(row, "opens", 0);
        out_null(row, "entries_checked");
        out_null(row, "head_hash");
        out_null(row, "first_bad_seq");
        out_str(row, "expected_head", expected);
        out_str(row, "error", msg);
        if ((exit_code = cli_emit(ctx, row)) != 0) return exit_code;
        fprintf(stderr, "kemitraan: %s\n", msg);
        return CLI_EXIT_VERIFY;
    }
    if (rc) {
        out_row_free(row);
        return cli_fail_open(ctx, rc);
    }

    /* Open the network on it (replaying the log from the newest snapshot),
     * then check the whole hash chain. A store whose network does not open
     * is still verified, by km_storage_verify on the storage alone. */
    cli_network_options(ctx, &o, 1);
    o.as_of_seq = 0;
    o.as_of_time = 0;
    cli_progress_phase(st, L_PHASE_OPEN);
    open_rc = km_network_open(&net, st, &o);
    if (open_rc) copy_message(ctx, open_rc, open_msg, sizeof open_msg);
    cli_progress_phase(st, L_PHASE_VERIFY);
    if (net && !expected) rc = km_network_verify(&rep, net);
    else rc = km_storage_verify(&rep, st, expected, expect_seq);
    cli_progress_end(st);
    if (rc) copy_message(ctx, rc, msg, sizeof msg);
    memset(&sc, 0, sizeof sc);
    if (check_snapshot && rc == 0 && net && (rc = check_snapshot_of(&sc, st, net, &o)) != 0) {
        copy_message(ctx, rc, msg, sizeof msg);
        check_failed = 1; /* the check could not run: no report, whatever the code */
    }
    km_network_close(net);
    km_storage_free(st);
    if (rc == 0 && snapshot_differs(&sc)) {
        snprintf(msg, sizeof msg, cli_msg_text(M_SNAPSHOT_DIFFERS, ctx->lang), (unsigned long long)sc.seq, sc.hash,
                 sc.log_hash);
        rc = KM_ECORRUPT;
    }

    if (rc && (rc != KM_ECORRUPT || check_failed)) {
        out_row_free(row);
        fprintf(stderr, "kemitraan: %s\n", msg);
        return cli_exit_code(rc) == CLI_EXIT_INVALID ? CLI_EXIT_STORE : cli_exit_code(rc);
    }
    if (rc == 0 && open_rc) {
        /* The chain holds but an entry does not apply (or needs a newer
         * library): report the open error. */
        snprintf(msg, sizeof msg, "%s", open_msg);
        rc = open_rc;
    }
    out_bool(row, "intact", rc == 0);
    out_bool(row, "opens", open_rc == 0);
    out_u64(row, "entries_checked", rep.entries);
    out_str(row, "head_hash", rep.head_hash[0] ? rep.head_hash : NULL);
    if (rep.first_bad_seq) out_u64(row, "first_bad_seq", rep.first_bad_seq);
    else out_null(row, "first_bad_seq");
    out_str(row, "expected_head", expected);
    if (check_snapshot) {
        /* Only with --snapshot, so that the report of a plain verify keeps
         * its fields. */
        if (sc.seq) out_u64(row, "snapshot_seq", sc.seq);
        else out_null(row, "snapshot_seq");
        if (sc.seq) out_bool(row, "snapshot_matches_log", !snapshot_differs(&sc));
        else out_null(row, "snapshot_matches_log");
        out_str(row, "state_hash", sc.log_hash[0] ? sc.log_hash : NULL);
    }
    out_str(row, "error", rc ? msg : NULL);
    if ((exit_code = cli_emit(ctx, row)) != 0) return exit_code;
    if (rc == 0) return 0;
    fprintf(stderr, "kemitraan: %s\n", msg);
    return rc == KM_ECORRUPT ? CLI_EXIT_VERIFY : CLI_EXIT_STORE;
}

/* ---- audit ------------------------------------------------------------- */

enum { A_ENTITY = 1, A_ID, A_ACTOR, A_SINCE, A_UNTIL, A_FROM_SEQ, A_LIMIT };

static const cli_opt audit_opts[] = {
    { "entity", A_ENTITY, 1, "ENTITY",
      { "hanya perubahan pada jenis entitas ini (partner, agreement, ...; lihat kemitraan labels entity)",
        "only changes to this entity kind (partner, agreement, ...; see kemitraan labels entity)" } },
    { "id", A_ID, 1, "N", { "hanya entitas dengan id ini (perlu --entity)", "only the entity with this id (needs --entity)" } },
    { "actor", A_ACTOR, 1, "NAME", { "hanya perubahan oleh pelaku ini (persis)", "only changes by this actor (exact)" } },
    { "since", A_SINCE, 1, "DATE|TIME",
      { "sejak waktu ini; tanggal = awal hari itu (WIB)", "from this time on; a date = the start of that day (WIB)" } },
    { "until", A_UNTIL, 1, "DATE|TIME",
      { "sampai waktu ini; tanggal = akhir hari itu (WIB)", "up to this time; a date = the end of that day (WIB)" } },
    { "from-seq", A_FROM_SEQ, 1, "N",
      { "mulai membaca dari entri log N (lihat next_seq)", "start reading at log entry N (see next_seq)" } },
    { "limit", A_LIMIT, 1, "N",
      { "berhenti setelah sekitar N perubahan (entri dibaca utuh)", "stop after about N changes (whole entries)" } },
    NO_OPTS,
};

static int cmd_audit(cli_ctx *ctx, const cli_args *args)
{
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    km_audit *a = NULL;
    out_row *row;
    size_t i, n, list;
    int rc;
    for (i = 0; i < args->nopts; i++) {
        const cli_optval *ov = &args->opts[i];
        switch (ov->id) {
        case A_ENTITY: rc = cli_value_enum(ctx, ov, &cli_enum_entity, &q.entity); break;
        case A_ID: rc = cli_value_u64(ctx, ov, &q.entity_id); break;
        case A_ACTOR: q.actor = ov->value; rc = 0; break;
        case A_SINCE: rc = cli_value_time(ctx, ov, 0, &q.since); break;
        case A_UNTIL: rc = cli_value_time(ctx, ov, 1, &q.until); break;
        case A_FROM_SEQ: rc = cli_value_u64(ctx, ov, &q.from_seq); break;
        case A_LIMIT: rc = cli_value_u32(ctx, ov, &q.limit); break;
        default: rc = 0; break;
        }
        if (rc) return rc;
    }
    if ((rc = km_audit_list(&a, ctx->net, &q)) != 0) return cli_fail(ctx, rc);
    row = out_row_new();
    list = out_rows(row, "entries", "seq,time,actor,entity,entity_id,operation,data", 0);
    n = km_audit_count(a);
    for (i = 0; i < n; i++) {
        out_row *r = out_row_new();
        out_u64(r, "seq", km_audit_seq(a, i));
        out_time(r, "time", km_audit_time(a, i));
        out_str(r, "actor", km_audit_actor(a, i));
        cli_enum_out(r, "entity", &cli_enum_entity, km_audit_entity(a, i), ctx->lang);
        out_u64(r, "entity_id", km_audit_entity_id(a, i));
        out_str(r, "operation", km_audit_operation(a, i));
        out_json(r, "data", km_audit_data_json(a, i));
        out_rows_add(row, list, r);
    }
    out_u64(row, "count", n);
    if (km_audit_next_seq(a)) out_u64(row, "next_seq", km_audit_next_seq(a));
    else out_null(row, "next_seq");
    km_audit_free(a);
    return cli_emit(ctx, row);
}

/* ---- snapshot ---------------------------------------------------------- */

static int cmd_snapshot(cli_ctx *ctx, const cli_args *args)
{
    out_row *row;
    int rc;
    (void)args;
    if ((rc = km_network_snapshot(ctx->net)) != 0) return cli_fail(ctx, rc);
    row = out_row_new();
    out_str(row, "store", ctx->store);
    out_u64(row, "seq", km_network_seq(ctx->net));
    return cli_emit(ctx, row);
}

/* ---- the table --------------------------------------------------------- */

const cli_command cli_store_commands[] = {
    { "init", "--store PATH",
      { "membuat penyimpanan baru (tidak pernah menimpa yang sudah ada)",
        "create a new store (never overwrites an existing one)" },
      NULL, "kemitraan init --store jabar.km", CLI_OWN, 0, cmd_init },
    { "stats", "[--as-of DATE|--as-of-seq N]",
      { "ringkasan: entri log, hash kepala, jumlah mitra (per status dan jenis) dan entitas lain",
        "summary: log entries, head hash, counts of partners (by status and kind) and other entities" },
      NULL, "kemitraan stats --store jabar.km --as-of 2025-03-31", CLI_READ, 0, cmd_stats },
    { "verify", "[--expect-head HASH [--expect-head-seq N]] [--snapshot]",
      { "memeriksa rantai hash log audit; menyebut entri rusak pertama",
        "check the audit log's hash chain; names the first bad entry" },
      verify_opts, "kemitraan verify --store jabar.km --expect-head 3f1c...(64 digits)", CLI_OWN, 0, cmd_verify },
    { "audit", "[filters]",
      { "jejak audit: siapa mengubah apa dan kapan", "the audit trail: who changed what, and when" },
      audit_opts, "kemitraan audit --store jabar.km --entity partner --id 3 --since 2025-03-01", CLI_READ, 0,
      cmd_audit },
    { "snapshot", "",
      { "menyimpan snapshot keadaan agar pembukaan berikutnya cepat (log tetap utuh)",
        "save a snapshot of the state so later opens are fast (the log is kept)" },
      NULL, "kemitraan snapshot --store jabar.km", CLI_WRITE, 0, cmd_snapshot },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
