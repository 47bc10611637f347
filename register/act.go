package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Carrying out a right is two steps: a Plan works the action out on the
// case's linked entries as they are now, for the officer to see before
// anything changes; Carry does exactly that plan in one transaction, and
// refuses if the case or an entry changed since the plan was made.

// ErrNoLinkedEntry refuses an action on a case no register entry is
// linked to.
var ErrNoLinkedEntry = errors.New("no register entry is linked to the case: link the requester's entries first")

// ErrEntryChanged refuses a plan whose entry changed after it was made.
var ErrEntryChanged = errors.New("the entry changed after the plan was made; nothing was done: look at the plan again")

// Plan is an action worked out on a case's linked entries.
type Plan struct {
	Action      string
	CaseID      int64
	CaseTag     string
	CaseVersion int64
	Entries     []EntryPlan
	Notes       []string // what the officer should know: what stays, and why
	Recipients  []string // to be told once it is done (Art. 19)
}

// EntryPlan is what a plan does to one entry.
type EntryPlan struct {
	CustomerID int64
	Number     string
	Version    int64
	Changes    []FieldChange
	Kept       []KeptFields // an erasure's: what the law requires keeping
	Restrict   *bool        // a restriction's: the new mark
	Erase      bool         // an erasure's: the entry is marked erased
}

// FieldChange is one field's value before and after.
type FieldChange struct {
	Field, Old, New string
}

// Empty says whether the plan changes nothing: the bans were already set,
// the value is already right.
func (p Plan) Empty() bool {
	for _, e := range p.Entries {
		if len(e.Changes) > 0 || e.Restrict != nil || e.Erase {
			return false
		}
	}
	return true
}

// linkedForPlan reads a case and its linked entries for a plan.
func (db *DB) linkedForPlan(ctx context.Context, caseID int64, action string) (Plan, []Customer, error) {
	c, err := scanCase(db.r.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE c.id = ?`, caseID))
	if err == sql.ErrNoRows {
		return Plan{}, nil, fmt.Errorf("case %d: %w", caseID, ErrNotFound)
	}
	if err != nil {
		return Plan{}, nil, fmt.Errorf("read case %d: %w", caseID, err)
	}
	linked, err := linkedEntries(ctx, db.r, caseID)
	if err != nil {
		return Plan{}, nil, fmt.Errorf("case %s: read its linked entries: %w", c.Tag, err)
	}
	if len(linked) == 0 {
		return Plan{}, nil, fmt.Errorf("case %s: %s: %w", c.Tag, action, ErrNoLinkedEntry)
	}
	entries := make([]Customer, len(linked))
	for i, l := range linked {
		entries[i] = l.Customer
	}
	p := Plan{Action: action, CaseID: caseID, CaseTag: c.Tag, CaseVersion: c.Version}
	if tellsRecipients(action) {
		p.Recipients = db.Recipients()
	}
	return p, entries, nil
}

// entryPlan starts the plan of one entry.
func entryPlan(c Customer) EntryPlan {
	return EntryPlan{CustomerID: c.ID, Number: c.Number, Version: c.Version}
}

// set adds the change of field to v when it differs from the entry's value.
func (e *EntryPlan) set(c Customer, field, v string) {
	if c.Fields[field] != v {
		e.Changes = append(e.Changes, FieldChange{Field: field, Old: c.Fields[field], New: v})
	}
}

// PlanObjection plans an objection to direct marketing and market research
// (Art. 21(2)–(3); Sesoma's notice extends the ban to market research):
// both bans set and the newsletter ended on every linked entry. Nothing is
// weighed: the objection is absolute.
func (db *DB) PlanObjection(ctx context.Context, caseID int64) (Plan, error) {
	p, entries, err := db.linkedForPlan(ctx, caseID, ActionObjection)
	if err != nil {
		return Plan{}, err
	}
	for _, c := range entries {
		e := entryPlan(c)
		e.set(c, "direct_marketing_ban", "1")
		e.set(c, "market_research_ban", "1")
		e.set(c, "newsletter", "0")
		p.Entries = append(p.Entries, e)
	}
	if p.Empty() {
		p.Notes = append(p.Notes, "The bans are already set and no newsletter goes out: carrying it out records the confirmation.")
	}
	return p, nil
}

// PlanRectification plans correcting one field of a linked entry (Art. 16):
// the new value is checked as an import checks it.
func (db *DB) PlanRectification(ctx context.Context, caseID int64, number, field, value string) (Plan, error) {
	p, entries, err := db.linkedForPlan(ctx, caseID, ActionRectification)
	if err != nil {
		return Plan{}, err
	}
	i := slices.IndexFunc(entries, func(c Customer) bool { return c.Number == number })
	if i < 0 {
		return Plan{}, fmt.Errorf("case %s: entry %q is not linked to it", p.CaseTag, number)
	}
	f, ok := fieldByName(field)
	switch {
	case !ok:
		return Plan{}, fmt.Errorf("rectify %s: no field %q (fields: %s)", number, field, strings.Join(CustomerFieldNames(), ", "))
	case f.Name == "customer_number":
		return Plan{}, fmt.Errorf("rectify %s: the customer number is the entry's key and is not rectified here", number)
	}
	v, err := normalise(f, strings.TrimSpace(value))
	if err != nil {
		return Plan{}, fmt.Errorf("rectify %s %s: %w", number, field, err)
	}
	c := entries[i]
	e := entryPlan(c)
	e.set(c, f.Name, v)
	p.Entries = []EntryPlan{e}
	if p.Empty() {
		p.Notes = append(p.Notes, fmt.Sprintf("%s already holds this value: carrying it out records the confirmation.", FieldLabel(f.Name)))
	}
	return p, nil
}

// PlanRestriction plans marking every linked entry restricted (Art. 18),
// or with lift, lifting the mark (Art. 18(3): tell the requester before).
func (db *DB) PlanRestriction(ctx context.Context, caseID int64, lift bool) (Plan, error) {
	action := ActionRestriction
	if lift {
		action = ActionRestrictionLift
	}
	p, entries, err := db.linkedForPlan(ctx, caseID, action)
	if err != nil {
		return Plan{}, err
	}
	for _, c := range entries {
		e := entryPlan(c)
		if c.Restricted == lift {
			on := !lift
			e.Restrict = &on
		}
		p.Entries = append(p.Entries, e)
	}
	if lift {
		p.Notes = append(p.Notes, "Art. 18(3): the requester must be told before the restriction is lifted.")
	} else {
		p.Notes = append(p.Notes, "A restricted entry is kept but not used: it is left out of marketing and of every export but the one to the data subject, and flagged wherever it appears.")
	}
	return p, nil
}

// fieldByName returns the register field with the canonical name.
func fieldByName(name string) (customerField, bool) {
	for _, f := range customerFields {
		if f.Name == name {
			return f, true
		}
	}
	return customerField{}, false
}

// Carry does a plan in one transaction: it checks that neither the case
// nor any entry changed since the plan was made, changes the entries,
// logs every changed field with the case, keeps the action's record and
// the recipients to tell, and audits. An erasure also removes the erased
// values from the entry's change log and from the search index.
func (db *DB) Carry(ctx context.Context, p Plan) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var version int64
		if err := tx.QueryRowContext(ctx, `SELECT version FROM cases WHERE id = ?`, p.CaseID).Scan(&version); err != nil {
			if err == sql.ErrNoRows {
				return ErrNotFound
			}
			return err
		}
		if version != p.CaseVersion {
			return ErrConflict
		}
		now := time.Now()
		rec := ActionRecord{Action: p.Action, At: now}
		var touched []string
		for _, e := range p.Entries {
			if err := db.carryEntry(ctx, tx, p, e, now); err != nil {
				return fmt.Errorf("%s: %w", e.Number, err)
			}
			r := EntryRecord{Number: e.Number, Kept: e.Kept}
			for _, ch := range e.Changes {
				r.Changed = append(r.Changed, ch.Field)
			}
			rec.Entries = append(rec.Entries, r)
			touched = append(touched, e.Number+entrySummary(r))
		}
		if p.Action == ActionErasure {
			// FTS4 keeps a deleted row's words until its segments merge:
			// merge them all now, so the erased values are gone from the index.
			if _, err := tx.ExecContext(ctx, `INSERT INTO customer_search (customer_search) VALUES ('optimize')`); err != nil {
				return fmt.Errorf("rebuild the search index: %w", err)
			}
		}
		if err := db.recordAction(ctx, tx, p.CaseID, rec); err != nil {
			return err
		}
		for _, r := range p.Recipients {
			// A second rectification must be told too, even if the first was.
			if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (case_id, recipient, action) VALUES (?, ?, ?)
				ON CONFLICT (case_id, recipient, action) DO UPDATE SET notified_at = 0, actor = ''`,
				p.CaseID, r, p.Action); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ?`,
			now.Unix(), p.CaseID); err != nil {
			return err
		}
		return db.audit(ctx, tx, p.CaseID, p.Action+" carried out", strings.Join(touched, "; "))
	})
	if err != nil {
		return fmt.Errorf("case %s: %s: %w", p.CaseTag, p.Action, err)
	}
	if p.Action == ActionErasure {
		// Copy the WAL into the file and empty it, so that the pages
		// that held the erased values go; secure_delete has zeroed them
		// in the file. Readers in other processes may hold it back: the
		// next checkpoint does it then.
		db.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	return nil
}

// entrySummary describes for the audit trail what an action did to an
// entry: field names only, never values.
func entrySummary(r EntryRecord) string {
	var parts []string
	if len(r.Changed) > 0 {
		parts = append(parts, "changed "+strings.Join(r.Changed, ", "))
	}
	for _, k := range r.Kept {
		parts = append(parts, "kept "+strings.Join(k.Fields, ", ")+" until "+k.Until.String())
	}
	if len(parts) == 0 {
		return " (no change)"
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// carryEntry does one entry's part of a plan inside tx.
func (db *DB) carryEntry(ctx context.Context, tx *sql.Tx, p Plan, e EntryPlan, now time.Time) error {
	c, err := customerInTx(ctx, tx, e.CustomerID)
	if err != nil {
		return err
	}
	if c.Version != e.Version {
		return ErrEntryChanged
	}
	var linked bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM case_customers WHERE case_id = ? AND customer_id = ?)`,
		p.CaseID, e.CustomerID).Scan(&linked); err != nil {
		return err
	}
	if !linked {
		return fmt.Errorf("no longer linked to the case: %w", ErrEntryChanged)
	}
	sets := []string{"version = version + 1", "updated_at = ?"}
	args := []any{now.Unix()}
	fields := make(map[string]string, len(c.Fields))
	for k, v := range c.Fields {
		fields[k] = v
	}
	for _, ch := range e.Changes {
		f, ok := fieldByName(ch.Field)
		if !ok {
			return fmt.Errorf("no field %q", ch.Field)
		}
		sets = append(sets, f.Name+" = ?")
		args = append(args, dbValue(f, ch.New))
		fields[f.Name] = ch.New
	}
	nk, ek, pk := customerKeys(fields)
	sets = append(sets, "name_key = ?", "email_key = ?", "phone_key = ?")
	args = append(args, nk, ek, pk)
	if e.Restrict != nil {
		sets = append(sets, "restricted = ?")
		args = append(args, *e.Restrict)
	}
	if e.Erase {
		sets = append(sets, "erased_at = ?")
		args = append(args, now.Unix())
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET `+strings.Join(sets, ", ")+` WHERE id = ?`,
		append(args, e.CustomerID)...); err != nil {
		return err
	}
	at := now.UTC().Format(time.RFC3339Nano)
	if e.Erase {
		if err := scrubErased(ctx, tx, e); err != nil {
			return err
		}
	}
	for _, ch := range e.Changes {
		old, nv := ch.Old, ch.New
		if e.Erase {
			old = "" // the erased value must not survive in its own log
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_changes
			(customer_id, field, old_value, new_value, at, actor, case_id, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.CustomerID, ch.Field, old, nv, at, db.actor, p.CaseID, p.Action); err != nil {
			return err
		}
	}
	if e.Restrict != nil {
		mark := map[bool]string{true: "1", false: "0"}
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_changes
			(customer_id, field, old_value, new_value, at, actor, case_id, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.CustomerID, FieldRestricted, mark[c.Restricted], mark[*e.Restrict], at, db.actor, p.CaseID, p.Action); err != nil {
			return err
		}
	}
	return nil
}

// scrubErased removes, inside tx, what else holds the values an erasure
// takes from entry e: the old and new values of every erased field in the
// entry's whole change log, and the evidence of its links to cases, which
// quotes mail.
func scrubErased(ctx context.Context, tx *sql.Tx, e EntryPlan) error {
	kept := map[string]bool{}
	for _, k := range e.Kept {
		for _, f := range k.Fields {
			kept[f] = true
		}
	}
	for _, f := range customerFields {
		if kept[f.Name] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customer_changes SET old_value = '', new_value = ''
			WHERE customer_id = ? AND field = ?`, e.CustomerID, f.Name); err != nil {
			return err
		}
	}
	for _, k := range e.Kept {
		for _, f := range k.Fields {
			if f == "customer_number" {
				continue // the entry's key stays: nothing else identifies the person once the rest is gone
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO retained (customer_id, field, until) VALUES (?, ?, ?)
				ON CONFLICT (customer_id, field) DO UPDATE SET until = excluded.until`, e.CustomerID, f, k.Until.String()); err != nil {
				return err
			}
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE case_customers SET evidence = '' WHERE customer_id = ?`, e.CustomerID)
	return err
}

// FieldRestricted names the restriction mark in the change log.
const FieldRestricted = "restricted"
