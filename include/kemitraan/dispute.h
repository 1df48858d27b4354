/**
 * @file dispute.h
 * @brief Disputes between the parties of an agreement and their mediation
 *        (government as mediator, *menyelesaikan konflik*): the dispute
 *        state machine, mediator assignment with conflict-of-interest
 *        checks, sessions, settlements, stage deadlines and reports.
 *
 * Disputes get sequential ids (1, 2, 3, ...). A dispute handle
 * (::km_dispute) is an immutable copy of the dispute as it was when read;
 * every string it returns lives as long as the handle.
 *
 * **Filing.** A party to an agreement (the *claimant*) files a dispute
 * against one or more other parties of the same agreement (the
 * *respondents*) with km_dispute_file(). The agreement must be signed or
 * later (signed, active, suspended, completed, terminated or expired).
 *
 * **State machine.** Every move is one event of the log, so its actor,
 * time and note are in the audit trail (km_audit_list() with
 * #KM_ENTITY_DISPUTE and the dispute's id):
 *
 * | from | to | who (`KM_DISPUTE_ROLE_*`) | needs |
 * |---|---|---|---|
 * | filed | acknowledged | each respondent (km_dispute_acknowledge()); admin | the last respondent's acknowledgement moves it |
 * | filed | withdrawn | claimant, admin | |
 * | filed | dismissed | mediator, admin | a reason |
 * | acknowledged | negotiation | claimant, respondent, admin | |
 * | acknowledged | mediation | claimant, respondent, mediator, admin | a mediator, and the consent of every party (km_dispute_consent()): negotiation is skipped |
 * | acknowledged | withdrawn | claimant, admin | |
 * | acknowledged | dismissed | mediator, admin | a reason |
 * | negotiation | mediation | claimant, respondent, admin | a mediator |
 * | negotiation | settled | claimant, admin | settlement terms |
 * | negotiation | escalated | claimant, respondent, admin | a forum |
 * | negotiation | withdrawn | claimant, admin | |
 * | negotiation | dismissed | mediator, admin | a reason |
 * | mediation | settled | mediator, admin | settlement terms |
 * | mediation | escalated | claimant, respondent, mediator, admin | a forum |
 * | mediation | withdrawn | claimant, admin | |
 * | mediation | dismissed | mediator, admin | a reason |
 * | settled | closed | claimant, mediator, admin | |
 * | escalated | closed | claimant, respondent, mediator, admin | |
 * | escalated | withdrawn | claimant, admin | |
 *
 * Closed, withdrawn and dismissed are final. Any other move fails with
 * #KM_ESTATE naming the current state and the states allowed from it; a
 * legal move made by an actor who may not make it fails with #KM_EDENIED
 * naming the roles that may. km_dispute_transition_roles() returns the
 * table's role mask of a move.
 *
 * **Who is who.** The network's actor (km_network_set_actor()) is matched
 * against the external ids of the claimant, the respondents and the
 * mediator; an actor starting with `admin:` is an administrator and may make
 * every move. Like signing an agreement, this is checked when the change is
 * made (log replay does not re-check it), and the host's authorizer can
 * restrict further.
 *
 * **Mediators.** km_dispute_assign_mediator() (administrators) checks for
 * conflicts of interest (km_dispute_mediator_check()): the mediator must be
 * an active partner, not a party to the dispute and, unless the dispute
 * policy allows it, not a party to the agreement, without an agreement in
 * force (signed, active or suspended) with the claimant or a respondent,
 * and of a partner kind the policy allows. A written override justification
 * lifts the last three (it is recorded in the event); the first two are
 * never overridden.
 *
 * **Policy and deadlines.** A dispute policy (km_dispute_policy_set()) is set
 * for the whole network and optionally per policy framework: a dispute
 * follows the policy of its agreement's framework when that framework has
 * one, otherwise the network's, otherwise #KM_DISPUTE_POLICY_INIT. It gives
 * the stage time limits in days; a stage's due date is fixed when the stage
 * starts (start date + limit; the stage is on time through the due date)
 * and only km_dispute_extend_deadline() moves it. Stage dates are the civil
 * dates of the entry times at the policy's UTC offset (WIB, +07:00, by
 * default).
 *
 * **Effect on the agreement.** When the policy says so, entering mediation
 * suspends the (active) agreement; the mediator may also suspend it during
 * mediation (km_dispute_suspend_agreement()). A dispute that suspended the
 * agreement (or joined a suspension held by another dispute of the same
 * agreement) holds it; when it moves to settled, withdrawn or dismissed it
 * lets go, and the agreement is resumed if no other dispute holds it and it
 * is still suspended. An escalated dispute keeps its hold and lets go
 * without resuming when it is closed: the arbitration or court decides what
 * becomes of the agreement. The agreement's suspension and resumption are
 * ordinary `agreement.transition` events written in the same log entry as
 * the dispute's move, so both happen or neither does (also inside a
 * transaction opened with km_network_begin()).
 */
#ifndef KEMITRAAN_DISPUTE_H
#define KEMITRAAN_DISPUTE_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Dispute categories (values are stored in the log; never renumbered). */
typedef enum km_dispute_category {
    KM_DISPUTE_PAYMENT = 0,     /**< Payment (pembayaran). */
    KM_DISPUTE_PERFORMANCE = 1, /**< Performance or delivery (kinerja atau penyerahan). */
    KM_DISPUTE_SCOPE = 2,       /**< Scope (ruang lingkup). */
    KM_DISPUTE_GOVERNANCE = 3,  /**< Governance and communication (tata kelola dan komunikasi). */
    KM_DISPUTE_LEGAL = 4,       /**< Legal or compliance (hukum atau kepatuhan). */
    KM_DISPUTE_OTHER = 5,       /**< Other (lainnya). */
    KM_DISPUTE_CATEGORY__COUNT = 6 /**< Number of categories (not a category). */
} km_dispute_category;

/** @brief Dispute severities. */
typedef enum km_dispute_severity {
    KM_DISPUTE_SEVERITY_LOW = 0,      /**< Low (rendah). */
    KM_DISPUTE_SEVERITY_MEDIUM = 1,   /**< Medium (sedang). */
    KM_DISPUTE_SEVERITY_HIGH = 2,     /**< High (tinggi). */
    KM_DISPUTE_SEVERITY_CRITICAL = 3, /**< Critical (kritis). */
    KM_DISPUTE_SEVERITY__COUNT = 4    /**< Number of severities (not a severity). */
} km_dispute_severity;

/** @brief Dispute states (see the table in @ref dispute.h). */
typedef enum km_dispute_status {
    KM_DISPUTE_FILED = 0,        /**< Filed, waiting for the respondents (diajukan). */
    KM_DISPUTE_ACKNOWLEDGED = 1, /**< Every respondent has acknowledged it (dikonfirmasi). */
    KM_DISPUTE_NEGOTIATION = 2,  /**< The parties negotiate directly (negosiasi). */
    KM_DISPUTE_MEDIATION = 3,    /**< A mediator works with the parties (mediasi). */
    KM_DISPUTE_SETTLED = 4,      /**< Settled with recorded terms (tercapai kesepakatan). */
    KM_DISPUTE_ESCALATED = 5,    /**< Taken to arbitration or to court (dieskalasi). */
    KM_DISPUTE_CLOSED = 6,       /**< Closed after settlement or escalation (ditutup). */
    KM_DISPUTE_WITHDRAWN = 7,    /**< Withdrawn by the claimant (dicabut). */
    KM_DISPUTE_DISMISSED = 8,    /**< Dismissed by the mediator or an administrator (ditolak). */
    KM_DISPUTE_STATUS__COUNT = 9 /**< Number of states (not a state). */
} km_dispute_status;

/** @brief Bit of status @p s in a status mask. */
#define KM_DISPUTE_STATUS_BIT(s) (1u << (s))

/** @brief Where an escalated dispute goes. */
typedef enum km_dispute_forum {
    KM_DISPUTE_FORUM_ARBITRATION = 0, /**< Arbitration, e.g. BANI (arbitrase). */
    KM_DISPUTE_FORUM_COURT = 1,       /**< Court (pengadilan). */
    KM_DISPUTE_FORUM__COUNT = 2       /**< Number of forums (not a forum). */
} km_dispute_forum;

/** @name Dispute roles (bits of a role mask) */
/**@{*/
#define KM_DISPUTE_ROLE_CLAIMANT   0x1u /**< The party that filed the dispute (pemohon). */
#define KM_DISPUTE_ROLE_RESPONDENT 0x2u /**< A party it was filed against (termohon). */
#define KM_DISPUTE_ROLE_MEDIATOR   0x4u /**< The assigned mediator. */
#define KM_DISPUTE_ROLE_ADMIN      0x8u /**< An administrator: an actor starting with `admin:`. */
#define KM_DISPUTE_ROLE_ALL        0xFu /**< Every role bit. */
/**@}*/

/** @brief Conflicts of interest found by km_dispute_mediator_check(). */
typedef enum km_conflict {
    KM_CONFLICT_PARTY_TO_DISPUTE = 0,   /**< The candidate is the claimant or a respondent (never overridable). */
    KM_CONFLICT_INACTIVE = 1,           /**< The candidate is not an active partner (never overridable). */
    KM_CONFLICT_KIND = 2,               /**< The policy requires another partner kind. */
    KM_CONFLICT_PARTY_TO_AGREEMENT = 3, /**< The candidate is a party to the disputed agreement. */
    KM_CONFLICT_RELATED_AGREEMENT = 4,  /**< The candidate has an agreement in force with the claimant or a respondent. */
    KM_CONFLICT__COUNT = 5              /**< Number of kinds (not a kind). */
} km_conflict;

/** @name Field limits (bytes of UTF-8 unless stated) */
/**@{*/
#define KM_DISPUTE_TEXT_MAX 4000        /**< Longest description, settlement terms or session outcome. */
#define KM_DISPUTE_NOTE_MAX 2000        /**< Longest relief sought, note, reason or override justification. */
#define KM_DISPUTE_RESPONDENTS_MAX 63   /**< Most respondents. */
#define KM_DISPUTE_REFS_MAX 64          /**< Most commitments, or milestones, referred to by one list. */
#define KM_DISPUTE_ATTENDEES_MAX 64     /**< Most attendees of a session. */
#define KM_DISPUTE_SESSIONS_MAX 1000    /**< Most sessions per dispute. */
#define KM_DISPUTE_LIMIT_DAYS_MAX 3650  /**< Longest stage time limit in a policy, in days. */
#define KM_DISPUTE_EXTEND_DAYS_MAX 365  /**< Longest single deadline extension, in days. */
/**@}*/

/** @brief Current version of ::km_dispute_fields. */
#define KM_DISPUTE_FIELDS_VERSION 1

/**
 * @brief Input for km_dispute_file(). Arrays and strings are borrowed for
 *        the call.
 *
 * Validation:
 * - `agreement_id`: an existing agreement that is signed or later (not
 *   draft, proposed or cancelled);
 * - `claimant`: a party to that agreement; the actor must be the claimant
 *   (its external id) or an administrator (`admin:`);
 * - `respondents`: 1..#KM_DISPUTE_RESPONDENTS_MAX other parties of the
 *   agreement, each listed once, not the claimant;
 * - `category`, `severity`: a ::km_dispute_category and a
 *   ::km_dispute_severity;
 * - `description`: required, 1..#KM_DISPUTE_TEXT_MAX bytes, may span lines;
 * - `relief`: the relief sought, optional, at most #KM_DISPUTE_NOTE_MAX
 *   bytes, may span lines;
 * - `commitment_ids`: at most #KM_DISPUTE_REFS_MAX resource commitments the
 *   dispute concerns, each listed once, existing (#KM_ENOTFOUND) and
 *   belonging to the agreement (#KM_EINVAL);
 * - `milestone_numbers`: at most #KM_DISPUTE_REFS_MAX numbers of milestones
 *   of the agreement (each existing, each once).
 */
typedef struct km_dispute_fields {
    unsigned int version;               /**< #KM_DISPUTE_FIELDS_VERSION. */
    uint64_t agreement_id;              /**< The agreement in dispute. */
    uint64_t claimant;                  /**< Partner id of the claimant (pemohon). */
    const uint64_t *respondents;        /**< Partner ids of the respondents (termohon). */
    size_t respondents_count;           /**< Number of respondents. */
    int category;                       /**< A ::km_dispute_category. */
    int severity;                       /**< A ::km_dispute_severity. */
    const char *description;            /**< What the dispute is about (pokok sengketa). */
    const char *relief;                 /**< Relief sought (tuntutan), or NULL. */
    const uint64_t *commitment_ids;     /**< Commitments concerned (may be NULL when the count is 0). */
    size_t commitments_count;           /**< Number of commitments. */
    const uint32_t *milestone_numbers;  /**< Milestones concerned (may be NULL when the count is 0). */
    size_t milestones_count;            /**< Number of milestones. */
} km_dispute_fields;

/** @brief Static initializer for ::km_dispute_fields (category payment, severity low, everything else empty). */
#define KM_DISPUTE_FIELDS_INIT { KM_DISPUTE_FIELDS_VERSION, 0, 0, NULL, 0, 0, 0, NULL, NULL, NULL, 0, NULL, 0 }

/** @brief Immutable snapshot of a dispute. */
typedef struct km_dispute km_dispute;

/**
 * @brief Files a dispute (state filed). The first stage's due date is the
 *        filing date plus the policy's acknowledgement limit.
 * @param[out] out_id receives the new dispute's id (may be NULL).
 * @param net the network.
 * @param fields the dispute.
 * @return 0; #KM_EINVAL naming the field; #KM_ENOTFOUND (agreement,
 *         milestone or commitment); #KM_ESTATE (the agreement is not signed or later);
 *         #KM_EDENIED (actor is not the claimant and not `admin:`, or the
 *         authorizer refused); #KM_EVERSION; #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM. On error nothing changes.
 */
KM_EXTERN int km_dispute_file(uint64_t *out_id, km_network *net, const km_dispute_fields *fields);

/**
 * @brief A respondent acknowledges a filed dispute. When the last
 *        respondent acknowledges, the dispute becomes acknowledged (in the
 *        same event) and the next stage's due date is set.
 * @param net the network.
 * @param id the dispute.
 * @param respondent the acknowledging respondent; the actor must be that
 *        partner or `admin:`.
 * @param note optional note (at most #KM_DISPUTE_NOTE_MAX bytes), or NULL.
 * @return 0; #KM_ENOTFOUND (dispute; partner not a respondent); #KM_ESTATE
 *         (not filed; already acknowledged by this respondent); #KM_EINVAL;
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE;
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_acknowledge(km_network *net, uint64_t id, uint64_t respondent, const char *note);

/**
 * @brief Records a party's consent to skip negotiation and go straight to
 *        mediation. With the consent of the claimant and every respondent,
 *        an acknowledged dispute may move to mediation (km_dispute_mediate()).
 *        Consents are given while the dispute is filed or acknowledged; they
 *        matter only for that move and stay recorded (km_dispute_consented()).
 * @param net the network.
 * @param id the dispute.
 * @param partner_id the consenting party (claimant or respondent); the actor
 *        must be that partner or `admin:` (recording a consent given on
 *        paper).
 * @param note optional note, or NULL.
 * @return 0; #KM_ENOTFOUND (dispute; partner not a party); #KM_ESTATE (not
 *         filed or acknowledged; already consented); #KM_EINVAL;
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE;
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_consent(km_network *net, uint64_t id, uint64_t partner_id, const char *note);

/**
 * @brief Moves a dispute to another state (the general form of the
 *        functions below; see the table in @ref dispute.h).
 *
 * #KM_DISPUTE_ACKNOWLEDGED is reached only through km_dispute_acknowledge(),
 * #KM_DISPUTE_SETTLED only through km_dispute_settle() (it needs terms) and
 * #KM_DISPUTE_ESCALATED only through km_dispute_escalate() (it needs a
 * forum). Moving to mediation, and leaving it, may suspend or resume the
 * agreement in the same log entry (see @ref dispute.h).
 * @param net the network.
 * @param id the dispute.
 * @param status the target ::km_dispute_status.
 * @param note why or what happened (required for dismissed; at most
 *        #KM_DISPUTE_NOTE_MAX bytes, may span lines), or NULL.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (unknown status, missing reason,
 *         missing terms or forum); #KM_ESTATE (illegal move, naming the
 *         current and the allowed states; mediation without a mediator;
 *         skipping negotiation without every party's consent); #KM_EDENIED
 *         (the actor's role may not make this move, or the authorizer
 *         refused the dispute's or the agreement's change); #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM. On error neither the
 *         dispute nor the agreement changes.
 */
KM_EXTERN int km_dispute_transition(km_network *net, uint64_t id, int status, const char *note);

/**
 * @brief acknowledged -> negotiation.
 * @param net the network.
 * @param id the dispute.
 * @param note optional note, or NULL.
 * @return as km_dispute_transition().
 */
KM_EXTERN int km_dispute_negotiate(km_network *net, uint64_t id, const char *note);

/**
 * @brief acknowledged | negotiation -> mediation (from acknowledged only
 *        with every party's consent). Needs an assigned mediator.
 * @param net the network.
 * @param id the dispute.
 * @param note optional note, or NULL.
 * @return as km_dispute_transition().
 */
KM_EXTERN int km_dispute_mediate(km_network *net, uint64_t id, const char *note);

/** @brief Current version of ::km_dispute_settlement. */
#define KM_DISPUTE_SETTLEMENT_VERSION 1

/**
 * @brief Settlement terms for km_dispute_settle(). Borrowed for the call.
 *
 * `terms` is required (1..#KM_DISPUTE_TEXT_MAX bytes, may span lines). The
 * commitments linked (new or changed resource commitments that implement
 * the settlement) and the numbers of the agreement's milestones the
 * settlement amends follow the rules of ::km_dispute_fields.
 */
typedef struct km_dispute_settlement {
    unsigned int version;               /**< #KM_DISPUTE_SETTLEMENT_VERSION. */
    const char *terms;                  /**< The terms agreed (isi kesepakatan perdamaian). */
    const uint64_t *commitment_ids;     /**< Linked commitments (may be NULL when the count is 0). */
    size_t commitments_count;           /**< Number of linked commitments. */
    const uint32_t *milestone_numbers;  /**< Amended milestones (may be NULL when the count is 0). */
    size_t milestones_count;            /**< Number of amended milestones. */
} km_dispute_settlement;

/** @brief Static initializer for ::km_dispute_settlement. */
#define KM_DISPUTE_SETTLEMENT_INIT { KM_DISPUTE_SETTLEMENT_VERSION, NULL, NULL, 0, NULL, 0 }

/**
 * @brief negotiation | mediation -> settled, recording the terms. Settling
 *        in negotiation is declared by the claimant (or an administrator);
 *        in mediation by the mediator (or an administrator). A dispute that
 *        holds the agreement's suspension lets go of it (see @ref dispute.h).
 * @param net the network.
 * @param id the dispute.
 * @param settlement the terms.
 * @return as km_dispute_transition(); #KM_EVERSION (unknown struct version).
 */
KM_EXTERN int km_dispute_settle(km_network *net, uint64_t id, const km_dispute_settlement *settlement);

/**
 * @brief negotiation | mediation -> escalated to arbitration or to court.
 * @param net the network.
 * @param id the dispute.
 * @param forum a ::km_dispute_forum.
 * @param note optional note (e.g. the case number), or NULL.
 * @return as km_dispute_transition().
 */
KM_EXTERN int km_dispute_escalate(km_network *net, uint64_t id, int forum, const char *note);

/**
 * @brief settled | escalated -> closed.
 * @param net the network.
 * @param id the dispute.
 * @param note optional note (e.g. how the settlement was carried out or
 *        what the court decided), or NULL.
 * @return as km_dispute_transition().
 */
KM_EXTERN int km_dispute_close(km_network *net, uint64_t id, const char *note);

/**
 * @brief Withdrawn by the claimant, from filed, acknowledged, negotiation,
 *        mediation or escalated.
 * @param net the network.
 * @param id the dispute.
 * @param note optional note, or NULL.
 * @return as km_dispute_transition().
 */
KM_EXTERN int km_dispute_withdraw(km_network *net, uint64_t id, const char *note);

/**
 * @brief Dismissed by the mediator or an administrator, from filed,
 *        acknowledged, negotiation or mediation.
 * @param net the network.
 * @param id the dispute.
 * @param reason why (required).
 * @return as km_dispute_transition().
 */
KM_EXTERN int km_dispute_dismiss(km_network *net, uint64_t id, const char *reason);

/**
 * @brief The roles that may make a move, from the state machine's table.
 * @param from a ::km_dispute_status.
 * @param to a ::km_dispute_status.
 * @return a `KM_DISPUTE_ROLE_*` mask; 0 when the move is illegal (or a
 *         value is unknown).
 */
KM_EXTERN uint32_t km_dispute_transition_roles(int from, int to);

/** @brief Result of km_dispute_mediator_check() (immutable). */
typedef struct km_conflicts km_conflicts;

/**
 * @brief Lists the conflicts of interest that stand between a partner and
 *        the mediation of a dispute, without changing anything.
 * @param[out] out receives the list (empty when the partner may mediate);
 *        free with km_conflicts_free().
 * @param net the network.
 * @param id the dispute.
 * @param partner_id the candidate mediator.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND (dispute or partner); #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_mediator_check(km_conflicts **out, km_network *net, uint64_t id, uint64_t partner_id);

/**
 * @brief Number of conflicts.
 * @param c the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_conflicts_count(const km_conflicts *c);
/**
 * @brief Kind of the @p i-th conflict.
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_conflict, or -1 when out of range.
 */
KM_EXTERN int km_conflicts_kind(const km_conflicts *c, size_t i);
/**
 * @brief Agreement behind the @p i-th conflict (the disputed agreement, or
 *        the related agreement in force).
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return the agreement id, or 0 when none applies or out of range.
 */
KM_EXTERN uint64_t km_conflicts_agreement(const km_conflicts *c, size_t i);
/**
 * @brief Party behind the @p i-th conflict (for a related agreement: the
 *        dispute party the candidate is bound to).
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return the partner id, or 0 when none applies or out of range.
 */
KM_EXTERN uint64_t km_conflicts_partner(const km_conflicts *c, size_t i);
/**
 * @brief Whether an override justification can lift the @p i-th conflict.
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return 1 if overridable, 0 if not (or out of range).
 */
KM_EXTERN int km_conflicts_overridable(const km_conflicts *c, size_t i);
/**
 * @brief Message of the @p i-th conflict.
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a string owned by @p c, or NULL when out of range.
 */
KM_EXTERN const char *km_conflicts_message(const km_conflicts *c, size_t i, int lang);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param c the list (may be NULL).
 */
KM_EXTERN void km_conflicts_free(km_conflicts *c);

/**
 * @brief Assigns (or replaces) the mediator of a dispute that is filed,
 *        acknowledged, in negotiation or in mediation. Administrators only.
 *
 * The candidate is checked as km_dispute_mediator_check() does; while
 * there are conflicts the call fails with #KM_ESTATE naming them, unless
 * every one is overridable and @p override_justification is given. The
 * justification is recorded in the event and kept with the dispute
 * (km_dispute_mediator_override()).
 * @param net the network.
 * @param id the dispute.
 * @param partner_id the mediator.
 * @param override_justification NULL, or why to assign despite overridable
 *        conflicts (at most #KM_DISPUTE_NOTE_MAX bytes).
 * @return 0; #KM_ENOTFOUND (dispute or partner); #KM_ESTATE (state; same
 *         mediator; conflicts); #KM_EINVAL; #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_assign_mediator(km_network *net, uint64_t id, uint64_t partner_id,
                                         const char *override_justification);

/**
 * @brief The mediator suspends the agreement during mediation (or joins a
 *        suspension another dispute of the agreement holds). The dispute
 *        then holds the suspension (see @ref dispute.h).
 * @param net the network.
 * @param id the dispute (in mediation, not holding yet).
 * @param reason why (required).
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_ESTATE (not in mediation;
 *         already holding; the agreement is neither active nor suspended by
 *         a dispute); #KM_EDENIED (not the mediator or `admin:`; the
 *         authorizer refused either change); #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM. On error neither changes.
 */
KM_EXTERN int km_dispute_suspend_agreement(km_network *net, uint64_t id, const char *reason);

/**
 * @brief Moves the current stage's due date @p days later (e.g. the
 *        extension of a mediation). Mediator or administrator.
 * @param net the network.
 * @param id the dispute (filed, acknowledged, negotiation or mediation,
 *        with a due date).
 * @param days 1..#KM_DISPUTE_EXTEND_DAYS_MAX.
 * @param reason why (required).
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_ESTATE (no stage due date);
 *         #KM_ERANGE (past 9999-12-31); #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_extend_deadline(km_network *net, uint64_t id, uint32_t days, const char *reason);

/** @brief Current version of ::km_dispute_session_fields. */
#define KM_DISPUTE_SESSION_FIELDS_VERSION 1

/** @brief Input for km_dispute_session_add(). Borrowed for the call. */
typedef struct km_dispute_session_fields {
    unsigned int version;        /**< #KM_DISPUTE_SESSION_FIELDS_VERSION. */
    const char *date;            /**< Day held, `YYYY-MM-DD`, not before the filing date (required). */
    const uint64_t *attendees;   /**< Partner ids present (1..#KM_DISPUTE_ATTENDEES_MAX, existing, each once). */
    size_t attendees_count;      /**< Number of attendees. */
    const char *outcome;         /**< Outcome note (required, 1..#KM_DISPUTE_TEXT_MAX bytes, may span lines). */
} km_dispute_session_fields;

/** @brief Static initializer for ::km_dispute_session_fields. */
#define KM_DISPUTE_SESSION_FIELDS_INIT { KM_DISPUTE_SESSION_FIELDS_VERSION, NULL, NULL, 0, NULL }

/**
 * @brief Records a negotiation or mediation session. In negotiation the
 *        parties, the mediator or an administrator record it; in mediation
 *        the mediator or an administrator.
 * @param[out] out_number receives the session's number, 1, 2, ... (may be NULL).
 * @param net the network.
 * @param id the dispute.
 * @param fields the session.
 * @return 0; #KM_ENOTFOUND (dispute, attendee); #KM_EINVAL; #KM_ESTATE (not
 *         in negotiation or mediation); #KM_EDENIED; #KM_EVERSION;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_session_add(uint32_t *out_number, km_network *net, uint64_t id,
                                     const km_dispute_session_fields *fields);

/** @brief The sessions of a dispute (immutable). */
typedef struct km_dispute_sessions km_dispute_sessions;

/**
 * @brief The sessions of one dispute, in number order.
 * @param[out] out receives the list; free with km_dispute_sessions_free().
 * @param net the network.
 * @param id the dispute.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_session_list(km_dispute_sessions **out, km_network *net, uint64_t id);
/**
 * @brief Number of sessions.
 * @param s the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_dispute_sessions_count(const km_dispute_sessions *s);
/**
 * @brief Number of the @p i-th session within its dispute.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return the number, or 0 when out of range.
 */
KM_EXTERN uint32_t km_dispute_sessions_number(const km_dispute_sessions *s, size_t i);
/**
 * @brief Date of the @p i-th session.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD` (lives as long as the list), or NULL when out of range.
 */
KM_EXTERN const char *km_dispute_sessions_date(const km_dispute_sessions *s, size_t i);
/**
 * @brief Status of the dispute when the @p i-th session was recorded.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return #KM_DISPUTE_NEGOTIATION or #KM_DISPUTE_MEDIATION, or -1 when out of range.
 */
KM_EXTERN int km_dispute_sessions_stage(const km_dispute_sessions *s, size_t i);
/**
 * @brief Number of attendees of the @p i-th session.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return the count, 0 when out of range.
 */
KM_EXTERN size_t km_dispute_sessions_attendee_count(const km_dispute_sessions *s, size_t i);
/**
 * @brief The @p k-th attendee of the @p i-th session.
 * @param s the list (may be NULL).
 * @param i zero-based session index.
 * @param k zero-based attendee index.
 * @return the partner id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_dispute_sessions_attendee(const km_dispute_sessions *s, size_t i, size_t k);
/**
 * @brief Outcome note of the @p i-th session.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return the note (lives as long as the list), or NULL when out of range.
 */
KM_EXTERN const char *km_dispute_sessions_outcome(const km_dispute_sessions *s, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param s the list (may be NULL).
 */
KM_EXTERN void km_dispute_sessions_free(km_dispute_sessions *s);

/** @brief Current version of ::km_dispute_policy. */
#define KM_DISPUTE_POLICY_VERSION 1

/**
 * @brief Dispute rules for the network or for the agreements of one
 *        policy framework (km_dispute_policy_set()).
 *
 * Stage limits are in days; 0 means no limit for that stage. Each is at
 * most #KM_DISPUTE_LIMIT_DAYS_MAX. The UTC offset (-720..840 minutes) fixes
 * which civil date an entry time falls on.
 */
typedef struct km_dispute_policy {
    unsigned int version;          /**< #KM_DISPUTE_POLICY_VERSION. */
    uint32_t mediator_kinds;       /**< `KM_PARTNER_KIND_BIT()` mask of kinds a mediator must be of; 0 for any. */
    int allow_agreement_party;     /**< Non-zero: a party to the agreement (not to the dispute) may mediate. */
    int allow_related_agreements;  /**< Non-zero: a mediator may have agreements in force with the parties. */
    int suspend_during_mediation;  /**< Non-zero: entering mediation suspends the active agreement. */
    uint32_t acknowledge_days;     /**< Filed: days for the respondents to acknowledge. */
    uint32_t start_days;           /**< Acknowledged: days to start negotiation (or go to mediation). */
    uint32_t negotiation_days;     /**< Negotiation: days to settle or go further. */
    uint32_t mediation_days;       /**< Mediation: days for the mediation to conclude. */
    int32_t utc_offset_minutes;    /**< Offset of the civil dates from UTC, in minutes. */
} km_dispute_policy;

/**
 * @brief Static initializer for ::km_dispute_policy: the built-in network
 *        default (any kind of mediator, no party to the agreement, no
 *        related agreement, no automatic suspension; 14 days to acknowledge,
 *        14 to start, 30 of negotiation, 30 of mediation; WIB, UTC+07:00).
 */
#define KM_DISPUTE_POLICY_INIT { KM_DISPUTE_POLICY_VERSION, 0, 0, 0, 0, 14, 14, 30, 30, 420 }

/**
 * @brief Sets the dispute policy of the network (@p framework_id 0) or of
 *        the agreements of one framework (which then ignore the network's).
 *        Administrators only. Stages already started keep their due dates.
 * @param net the network.
 * @param framework_id 0 for the network, or an existing framework.
 * @param policy the policy (copied).
 * @return 0; #KM_EINVAL (NULL, a limit out of range, unknown kind bits, bad
 *         offset); #KM_EVERSION; #KM_ENOTFOUND (framework); #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_policy_set(km_network *net, uint64_t framework_id, const km_dispute_policy *policy);

/**
 * @brief Reads the dispute policy that applies to a scope: the framework's
 *        own, else the network's, else #KM_DISPUTE_POLICY_INIT.
 * @param[out] out receives the policy (set its version first; version 1 is
 *        the only one).
 * @param[out] out_explicit receives 1 when a policy was set for exactly this
 *        scope, 0 when it is inherited (may be NULL).
 * @param net the network.
 * @param framework_id 0 for the network, or a framework.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOTFOUND (framework).
 */
KM_EXTERN int km_dispute_policy_get(km_dispute_policy *out, int *out_explicit, km_network *net,
                                    uint64_t framework_id);

/**
 * @brief Reads a dispute.
 * @param[out] out receives a handle; free with km_dispute_free().
 * @param net the network.
 * @param id the dispute.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND.
 */
KM_EXTERN int km_dispute_get(km_dispute **out, km_network *net, uint64_t id);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param d the handle (may be NULL).
 */
KM_EXTERN void km_dispute_free(km_dispute *d);

/**
 * @brief Dispute id.
 * @param d the handle (may be NULL).
 * @return the id; 0 for NULL.
 */
KM_EXTERN uint64_t km_dispute_id(const km_dispute *d);
/**
 * @brief The agreement in dispute.
 * @param d the handle (may be NULL).
 * @return the agreement id; 0 for NULL.
 */
KM_EXTERN uint64_t km_dispute_agreement(const km_dispute *d);
/**
 * @brief The claimant.
 * @param d the handle (may be NULL).
 * @return the partner id; 0 for NULL.
 */
KM_EXTERN uint64_t km_dispute_claimant(const km_dispute *d);
/**
 * @brief Number of respondents.
 * @param d the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_dispute_respondent_count(const km_dispute *d);
/**
 * @brief The @p i-th respondent (in the order filed).
 * @param d the handle (may be NULL).
 * @param i zero-based index.
 * @return the partner id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_dispute_respondent(const km_dispute *d, size_t i);
/**
 * @brief When the @p i-th respondent acknowledged the dispute.
 * @param d the handle (may be NULL).
 * @param i zero-based index.
 * @return microseconds since the epoch, or 0 when not yet (or out of range).
 */
KM_EXTERN int64_t km_dispute_respondent_acknowledged(const km_dispute *d, size_t i);
/**
 * @brief When a party consented to skip negotiation (km_dispute_consent()).
 * @param d the handle (may be NULL).
 * @param partner_id the claimant or a respondent.
 * @return microseconds since the epoch, or 0 when it has not (or is not a party).
 */
KM_EXTERN int64_t km_dispute_consented(const km_dispute *d, uint64_t partner_id);
/**
 * @brief Category.
 * @param d the handle (may be NULL).
 * @return a ::km_dispute_category; -1 for NULL.
 */
KM_EXTERN int km_dispute_category_of(const km_dispute *d);
/**
 * @brief Severity.
 * @param d the handle (may be NULL).
 * @return a ::km_dispute_severity; -1 for NULL.
 */
KM_EXTERN int km_dispute_severity_of(const km_dispute *d);
/**
 * @brief State.
 * @param d the handle (may be NULL).
 * @return a ::km_dispute_status; -1 for NULL.
 */
KM_EXTERN int km_dispute_status_of(const km_dispute *d);
/**
 * @brief Description.
 * @param d the handle (may be NULL).
 * @return the text (lives as long as @p d); NULL for NULL.
 */
KM_EXTERN const char *km_dispute_description(const km_dispute *d);
/**
 * @brief Relief sought.
 * @param d the handle (may be NULL).
 * @return the text, or NULL when none was given.
 */
KM_EXTERN const char *km_dispute_relief(const km_dispute *d);
/**
 * @brief Number of commitments the dispute concerns.
 * @param d the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_dispute_commitment_count(const km_dispute *d);
/**
 * @brief The @p i-th commitment concerned.
 * @param d the handle (may be NULL).
 * @param i zero-based index.
 * @return the commitment id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_dispute_commitment(const km_dispute *d, size_t i);
/**
 * @brief Number of milestones the dispute concerns.
 * @param d the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_dispute_milestone_count(const km_dispute *d);
/**
 * @brief The @p i-th milestone concerned.
 * @param d the handle (may be NULL).
 * @param i zero-based index.
 * @return the milestone number within the agreement, or 0 when out of range.
 */
KM_EXTERN uint32_t km_dispute_milestone(const km_dispute *d, size_t i);
/**
 * @brief The mediator.
 * @param d the handle (may be NULL).
 * @return the partner id, or 0 when none is assigned.
 */
KM_EXTERN uint64_t km_dispute_mediator(const km_dispute *d);
/**
 * @brief Override justification recorded when the mediator was assigned
 *        despite conflicts.
 * @param d the handle (may be NULL).
 * @return the text, or NULL when there was none.
 */
KM_EXTERN const char *km_dispute_mediator_override(const km_dispute *d);
/**
 * @brief Forum of an escalated dispute.
 * @param d the handle (may be NULL).
 * @return a ::km_dispute_forum, or -1 when never escalated.
 */
KM_EXTERN int km_dispute_forum_of(const km_dispute *d);
/**
 * @brief Note (or reason) given with the last move.
 * @param d the handle (may be NULL).
 * @return the note, or NULL.
 */
KM_EXTERN const char *km_dispute_status_note(const km_dispute *d);
/**
 * @brief Time of the last move (filing included).
 * @param d the handle (may be NULL).
 * @return microseconds since the epoch; 0 for NULL.
 */
KM_EXTERN int64_t km_dispute_status_time(const km_dispute *d);
/**
 * @brief When the dispute (last) entered a state.
 * @param d the handle (may be NULL).
 * @param status a ::km_dispute_status.
 * @return microseconds since the epoch, or 0 when it never did.
 */
KM_EXTERN int64_t km_dispute_entered(const km_dispute *d, int status);
/**
 * @brief Filing time.
 * @param d the handle (may be NULL).
 * @return microseconds since the epoch; 0 for NULL.
 */
KM_EXTERN int64_t km_dispute_filed(const km_dispute *d);
/**
 * @brief Time of the last change of any kind.
 * @param d the handle (may be NULL).
 * @return microseconds since the epoch; 0 for NULL.
 */
KM_EXTERN int64_t km_dispute_updated(const km_dispute *d);
/**
 * @brief Filing date (at the policy's UTC offset).
 * @param d the handle (may be NULL).
 * @return `YYYY-MM-DD`; NULL for NULL.
 */
KM_EXTERN const char *km_dispute_filed_date(const km_dispute *d);
/**
 * @brief Date the current state was entered.
 * @param d the handle (may be NULL).
 * @return `YYYY-MM-DD`; NULL for NULL.
 */
KM_EXTERN const char *km_dispute_stage_date(const km_dispute *d);
/**
 * @brief Due date of the current stage: the last day on which the next
 *        step is on time.
 * @param d the handle (may be NULL).
 * @return `YYYY-MM-DD`, or NULL when the stage has no time limit (and in
 *         settled, escalated and the final states).
 */
KM_EXTERN const char *km_dispute_due_date(const km_dispute *d);
/**
 * @brief How the dispute was first resolved: #KM_DISPUTE_SETTLED,
 *        #KM_DISPUTE_ESCALATED, #KM_DISPUTE_WITHDRAWN or
 *        #KM_DISPUTE_DISMISSED (a later withdrawal of an escalated dispute
 *        does not change it).
 * @param d the handle (may be NULL).
 * @return the state, or -1 while unresolved.
 */
KM_EXTERN int km_dispute_outcome(const km_dispute *d);
/**
 * @brief Date of the first resolution (see km_dispute_outcome()).
 * @param d the handle (may be NULL).
 * @return `YYYY-MM-DD`, or NULL while unresolved.
 */
KM_EXTERN const char *km_dispute_resolved_date(const km_dispute *d);
/**
 * @brief The stage a settlement was reached in.
 * @param d the handle (may be NULL).
 * @return #KM_DISPUTE_NEGOTIATION or #KM_DISPUTE_MEDIATION, or -1 when not settled.
 */
KM_EXTERN int km_dispute_settled_in(const km_dispute *d);
/**
 * @brief Settlement terms.
 * @param d the handle (may be NULL).
 * @return the terms, or NULL when not settled.
 */
KM_EXTERN const char *km_dispute_settlement_terms(const km_dispute *d);
/**
 * @brief Number of commitments linked to the settlement.
 * @param d the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_dispute_settlement_commitment_count(const km_dispute *d);
/**
 * @brief The @p i-th commitment linked to the settlement.
 * @param d the handle (may be NULL).
 * @param i zero-based index.
 * @return the commitment id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_dispute_settlement_commitment(const km_dispute *d, size_t i);
/**
 * @brief Number of milestones the settlement amends.
 * @param d the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_dispute_settlement_milestone_count(const km_dispute *d);
/**
 * @brief The @p i-th milestone the settlement amends.
 * @param d the handle (may be NULL).
 * @param i zero-based index.
 * @return the milestone number, or 0 when out of range.
 */
KM_EXTERN uint32_t km_dispute_settlement_milestone(const km_dispute *d, size_t i);
/**
 * @brief Whether the dispute holds a suspension of its agreement.
 * @param d the handle (may be NULL).
 * @return 1 or 0.
 */
KM_EXTERN int km_dispute_holds_suspension(const km_dispute *d);

/** @brief Current version of ::km_dispute_query. */
#define KM_DISPUTE_QUERY_VERSION 1

/**
 * @brief Filters for km_dispute_list(), km_dispute_count(),
 *        km_dispute_report_get(), km_dispute_caseload() and
 *        km_dispute_overdue(). Every set filter must match (AND).
 *
 * Results come in ascending id order, cut into pages by an opaque cursor.
 * Agreement, party, mediator, status, category and severity are indexed;
 * the open and date filters are checked on the candidates the others leave.
 */
typedef struct km_dispute_query {
    unsigned int version;    /**< #KM_DISPUTE_QUERY_VERSION. */
    uint64_t agreement_id;   /**< Agreement, or 0. */
    uint64_t party;          /**< Partner that must be the claimant or a respondent, or 0. */
    uint64_t mediator;       /**< Partner that must be the mediator, or 0. */
    int status;              /**< A ::km_dispute_status, or -1. */
    int category;            /**< A ::km_dispute_category, or -1. */
    int severity;            /**< A ::km_dispute_severity, or -1. */
    int open_only;           /**< Non-zero: only disputes not closed, withdrawn or dismissed. */
    const char *filed_from;  /**< `YYYY-MM-DD`: filed on or after this date, or NULL. */
    const char *filed_to;    /**< `YYYY-MM-DD`: filed on or before this date, or NULL. */
    const char *cursor;      /**< From km_dispute_page_cursor(), or NULL to start. */
    uint32_t limit;          /**< Page size 1..1000; 0 means 50. */
} km_dispute_query;

/** @brief Static initializer for ::km_dispute_query (no filter). */
#define KM_DISPUTE_QUERY_INIT { KM_DISPUTE_QUERY_VERSION, 0, 0, 0, -1, -1, -1, 0, NULL, NULL, NULL, 0 }

/** @brief One page of disputes. */
typedef struct km_dispute_page km_dispute_page;

/**
 * @brief Lists disputes matching @p query.
 * @param[out] out receives the page; free with km_dispute_page_free().
 * @param net the network.
 * @param query filters; NULL lists everything.
 * @return 0; #KM_EINVAL (bad filter or cursor); #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_list(km_dispute_page **out, km_network *net, const km_dispute_query *query);

/**
 * @brief Counts every dispute matching @p query (cursor and limit ignored).
 * @param[out] out receives the count.
 * @param net the network.
 * @param query filters; NULL counts everything.
 * @return 0; #KM_EINVAL; #KM_EVERSION.
 */
KM_EXTERN int km_dispute_count(uint64_t *out, km_network *net, const km_dispute_query *query);

/**
 * @brief Number of disputes on the page.
 * @param page the page (may be NULL).
 * @return the count; 0 for NULL.
 */
KM_EXTERN size_t km_dispute_page_count(const km_dispute_page *page);
/**
 * @brief The @p i-th dispute of the page, borrowed: valid while the page lives.
 * @param page the page (may be NULL).
 * @param i zero-based index.
 * @return a borrowed handle (do not free it), or NULL when out of range.
 */
KM_EXTERN const km_dispute *km_dispute_page_get(const km_dispute_page *page, size_t i);
/**
 * @brief Cursor for the next page.
 * @param page the page (may be NULL).
 * @return a string owned by the page, or NULL when this was the last page.
 */
KM_EXTERN const char *km_dispute_page_cursor(const km_dispute_page *page);
/**
 * @brief Releases a page. NULL is a no-op.
 * @param page the page (may be NULL).
 */
KM_EXTERN void km_dispute_page_free(km_dispute_page *page);

/** @brief Overdue disputes (immutable), from km_dispute_overdue(). */
typedef struct km_dispute_overdue_list km_dispute_overdue_list;

/**
 * @brief Disputes whose current stage (filed, acknowledged, negotiation or
 *        mediation) is past its due date on @p as_of_date, i.e. the date is
 *        after the due date, with who owes the next step. Ordered by id.
 * @param[out] out receives the list; free with km_dispute_overdue_free().
 * @param net the network.
 * @param as_of_date `YYYY-MM-DD` (given, not read from a clock).
 * @param query further filters (cursor and limit ignored), or NULL.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_overdue(km_dispute_overdue_list **out, km_network *net, const char *as_of_date,
                                 const km_dispute_query *query);
/**
 * @brief Number of overdue disputes.
 * @param l the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_dispute_overdue_count(const km_dispute_overdue_list *l);
/**
 * @brief Id of the @p i-th overdue dispute.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the dispute id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_dispute_overdue_id(const km_dispute_overdue_list *l, size_t i);
/**
 * @brief State of the @p i-th overdue dispute.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_dispute_status, or -1 when out of range.
 */
KM_EXTERN int km_dispute_overdue_status(const km_dispute_overdue_list *l, size_t i);
/**
 * @brief Due date of the @p i-th overdue dispute's stage.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD` (lives as long as the list), or NULL when out of range.
 */
KM_EXTERN const char *km_dispute_overdue_due_date(const km_dispute_overdue_list *l, size_t i);
/**
 * @brief Days past the due date on the as-of date (1 the day after it).
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the days, or 0 when out of range.
 */
KM_EXTERN uint32_t km_dispute_overdue_days(const km_dispute_overdue_list *l, size_t i);
/**
 * @brief Who owes the next step: the respondents (filed: those who have not
 *        acknowledged), the claimant and the respondents (acknowledged,
 *        negotiation) or the mediator (mediation).
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return a `KM_DISPUTE_ROLE_*` mask, or 0 when out of range.
 */
KM_EXTERN uint32_t km_dispute_overdue_owed_by(const km_dispute_overdue_list *l, size_t i);
/**
 * @brief Number of partners that owe the next step of the @p i-th dispute.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the count (0 when a mediation has no mediator, or out of range).
 */
KM_EXTERN size_t km_dispute_overdue_owing_count(const km_dispute_overdue_list *l, size_t i);
/**
 * @brief The @p k-th partner that owes the next step of the @p i-th dispute.
 * @param l the list (may be NULL).
 * @param i zero-based dispute index.
 * @param k zero-based partner index.
 * @return the partner id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_dispute_overdue_owing(const km_dispute_overdue_list *l, size_t i, size_t k);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param l the list (may be NULL).
 */
KM_EXTERN void km_dispute_overdue_free(km_dispute_overdue_list *l);

/** @brief Current version of ::km_dispute_report. */
#define KM_DISPUTE_REPORT_VERSION 1

/**
 * @brief Figures of km_dispute_report_get() over the disputes a query
 *        selects (one agreement, one partner's, the whole network...).
 *
 * A dispute is *resolved* once it reached settled, escalated, withdrawn or
 * dismissed; its resolution time is the resolution date minus the filing
 * date in days. Percentiles use the nearest-rank method: the p-th
 * percentile of n sorted values is the value of rank ceil(p * n / 100), so
 * it is always one of the observed values (the median of an even count is
 * the lower of the two middle values). Shares are fractions (0..1) of the
 * resolved disputes.
 */
typedef struct km_dispute_report {
    unsigned int version;              /**< Set by the caller to #KM_DISPUTE_REPORT_VERSION. */
    uint64_t disputes;                 /**< Disputes selected. */
    uint64_t open;                     /**< ... not closed, withdrawn or dismissed. */
    uint64_t in_status[KM_DISPUTE_STATUS__COUNT]; /**< ... per current state. */
    uint64_t resolved;                 /**< ... resolved (see above). */
    uint64_t settled_negotiation;      /**< ... settled in negotiation. */
    uint64_t settled_mediation;        /**< ... settled in mediation. */
    uint64_t escalated;                /**< ... first resolved by escalation. */
    uint64_t withdrawn;                /**< ... first resolved by withdrawal. */
    uint64_t dismissed;                /**< ... dismissed. */
    double share_settled_negotiation;  /**< settled_negotiation / resolved (0 when none resolved). */
    double share_settled_mediation;    /**< settled_mediation / resolved. */
    double share_escalated;            /**< escalated / resolved. */
    int64_t resolution_days_median;    /**< Median resolution time in days; -1 when none resolved. */
    int64_t resolution_days_p90;       /**< 90th percentile in days; -1 when none resolved. */
    int64_t resolution_days_max;       /**< Longest resolution time in days; -1 when none resolved. */
} km_dispute_report;

/** @brief Static initializer for ::km_dispute_report. */
#define KM_DISPUTE_REPORT_INIT { KM_DISPUTE_REPORT_VERSION, 0, 0, { 0 }, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, -1, -1, -1 }

/**
 * @brief Computes the report over the disputes matching @p query.
 * @param[out] out receives the figures (set its version first).
 * @param net the network.
 * @param query filters (cursor and limit ignored); NULL for the whole network.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_report_get(km_dispute_report *out, km_network *net, const km_dispute_query *query);

/** @brief Mediators' caseloads (immutable), from km_dispute_caseload(). */
typedef struct km_caseload km_caseload;

/**
 * @brief Caseload of every mediator: the disputes matching @p query of
 *        which the partner is the (current) mediator, one row per
 *        mediator, ordered by partner id.
 * @param[out] out receives the list; free with km_caseload_free().
 * @param net the network.
 * @param query filters (cursor and limit ignored; its mediator filter keeps
 *        one row); NULL for every dispute.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_dispute_caseload(km_caseload **out, km_network *net, const km_dispute_query *query);
/**
 * @brief Number of mediators listed.
 * @param c the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_caseload_count(const km_caseload *c);
/**
 * @brief Partner id of the @p i-th mediator.
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return the partner id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_caseload_mediator(const km_caseload *c, size_t i);
/**
 * @brief Disputes assigned to the @p i-th mediator.
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return the count.
 */
KM_EXTERN uint64_t km_caseload_assigned(const km_caseload *c, size_t i);
/**
 * @brief ... of which open (not closed, withdrawn or dismissed).
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return the count.
 */
KM_EXTERN uint64_t km_caseload_open(const km_caseload *c, size_t i);
/**
 * @brief ... of which in mediation now.
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return the count.
 */
KM_EXTERN uint64_t km_caseload_in_mediation(const km_caseload *c, size_t i);
/**
 * @brief ... of which settled in mediation.
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return the count.
 */
KM_EXTERN uint64_t km_caseload_settled(const km_caseload *c, size_t i);
/**
 * @brief ... of which escalated from mediation or earlier.
 * @param c the list (may be NULL).
 * @param i zero-based index.
 * @return the count.
 */
KM_EXTERN uint64_t km_caseload_escalated(const km_caseload *c, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param c the list (may be NULL).
 */
KM_EXTERN void km_caseload_free(km_caseload *c);

/**
 * @brief Label of a dispute state.
 * @param status a ::km_dispute_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_dispute_status_label(int status, int lang);
/**
 * @brief Label of a dispute category.
 * @param category a ::km_dispute_category.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_dispute_category_label(int category, int lang);
/**
 * @brief Label of a dispute severity.
 * @param severity a ::km_dispute_severity.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_dispute_severity_label(int severity, int lang);
/**
 * @brief Label of an escalation forum.
 * @param forum a ::km_dispute_forum.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_dispute_forum_label(int forum, int lang);
/**
 * @brief Label of one dispute role bit.
 * @param role exactly one `KM_DISPUTE_ROLE_*` bit.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when not a single known bit.
 */
KM_EXTERN const char *km_dispute_role_label(uint32_t role, int lang);
/**
 * @brief Label of a conflict-of-interest kind.
 * @param conflict a ::km_conflict.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_conflict_label(int conflict, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_DISPUTE_H */
