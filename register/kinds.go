package register

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Kinds are the rights a request can invoke, in display order.
var Kinds = []string{"access", "rectification", "erasure", "restriction", "portability", "objection"}

// checkKinds refuses a kind that is not one of Kinds.
func checkKinds(kinds []string) error {
	for _, k := range kinds {
		if !slices.Contains(Kinds, k) {
			return fmt.Errorf("unknown kind of request %q: want one of %s", k, strings.Join(Kinds, ", "))
		}
	}
	return nil
}

// sortKinds returns kinds without repeats, in the order of Kinds.
func sortKinds(kinds []string) []string {
	out := []string{}
	for _, k := range Kinds {
		if slices.Contains(kinds, k) {
			out = append(out, k)
		}
	}
	return out
}

// setKinds replaces the kinds of a case inside tx.
func setKinds(ctx context.Context, tx *sql.Tx, caseID int64, kinds []string) error {
	if err := checkKinds(kinds); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM case_kinds WHERE case_id = ?`, caseID); err != nil {
		return err
	}
	for _, k := range sortKinds(kinds) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_kinds (case_id, kind) VALUES (?, ?)`, caseID, k); err != nil {
			return err
		}
	}
	return nil
}

// kindList names kinds for the audit trail: "access, erasure" or "none".
func kindList(kinds []string) string {
	if len(kinds) == 0 {
		return "none"
	}
	return strings.Join(sortKinds(kinds), ", ")
}
