package register

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// The actions that carry out a right on a case's linked entries.
const (
	ActionAccess          = "access report"      // Art. 15 and 20
	ActionObjection       = "objection"          // Art. 21
	ActionRectification   = "rectification"      // Art. 16
	ActionErasure         = "erasure"            // Art. 17
	ActionRestriction     = "restriction"        // Art. 18
	ActionRestrictionLift = "restriction lifted" // Art. 18(3)
)

// ActionRecord is what one action did, kept with its case for the answer
// and for accountability: the entries and fields it touched, what it kept
// and why, the files it wrote. It never holds the values of fields: an
// erased value must not survive in the record of its erasure.
type ActionRecord struct {
	Action  string        `json:"action"`
	At      time.Time     `json:"at"`
	Actor   string        `json:"actor"`
	Entries []EntryRecord `json:"entries"`
	Files   []string      `json:"files,omitempty"` // an access report's files, by name
}

// EntryRecord is what an action did to one entry.
type EntryRecord struct {
	Number  string       `json:"customer_number"`
	Changed []string     `json:"changed,omitempty"` // field names
	Kept    []KeptFields `json:"kept,omitempty"`
}

// KeptFields are fields an erasure kept, until when, and why.
type KeptFields struct {
	Fields []string `json:"fields"`
	Until  Date     `json:"until"`
	Why    string   `json:"why"` // the law that requires keeping them, in English
}

// recordAction keeps rec with case caseID inside tx.
func (db *DB) recordAction(ctx context.Context, tx *sql.Tx, caseID int64, rec ActionRecord) error {
	rec.Actor = db.actor
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO case_actions (case_id, action, at, actor, record) VALUES (?, ?, ?, ?, ?)`,
		caseID, rec.Action, rec.At.Unix(), db.actor, string(b))
	return err
}

// Actions returns what the actions on a case did, oldest first.
func (db *DB) Actions(ctx context.Context, caseID int64) ([]ActionRecord, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT record FROM case_actions WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("case %d: read its actions: %w", caseID, err)
	}
	defer rows.Close()
	var out []ActionRecord
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		var rec ActionRecord
		if err := json.Unmarshal([]byte(s), &rec); err != nil {
			return nil, fmt.Errorf("case %d: an action record is damaged: %w", caseID, err)
		}
		out = append(out, rec)
	}
	return out, rows.Err()
}
