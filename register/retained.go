package register

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ExpiredRetention is a kept field of an erased entry whose period is over.
type ExpiredRetention struct {
	Number string
	Field  string
	Until  Date
}

// ExpiredRetentions lists what erasures kept whose periods ended before
// today.
func (db *DB) ExpiredRetentions(ctx context.Context, today Date) ([]ExpiredRetention, error) {
	return expiredRetentions(ctx, db.r, today)
}

func expiredRetentions(ctx context.Context, q querier, today Date) ([]ExpiredRetention, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.customer_number, r.field, r.until FROM retained r
		JOIN customers c ON c.id = r.customer_id WHERE r.until < ? ORDER BY r.until, c.customer_number, r.field`, today.String())
	if err != nil {
		return nil, fmt.Errorf("list the kept data whose period is over: %w", err)
	}
	defer rows.Close()
	var out []ExpiredRetention
	for rows.Next() {
		var e ExpiredRetention
		var until string
		if err := rows.Scan(&e.Number, &e.Field, &until); err != nil {
			return nil, err
		}
		if e.Until, err = ParseDate(until); err != nil {
			return nil, fmt.Errorf("kept %s of %s: %w", e.Field, e.Number, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EraseExpired erases, in one transaction, the fields erasures kept for
// the Accounting Act once their period is over — what the erasure letter
// promised — with their values in the change log, and audits which fields
// of which entries, never their values. It returns what it erased.
func (db *DB) EraseExpired(ctx context.Context, today Date) ([]ExpiredRetention, error) {
	var done []ExpiredRetention
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if done, err = expiredRetentions(ctx, tx, today); err != nil || len(done) == 0 {
			return err
		}
		var what []string
		for _, e := range done {
			f, ok := fieldByName(e.Field)
			if !ok {
				return fmt.Errorf("kept field %q of %s is no register field", e.Field, e.Number)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE customers SET `+f.Name+` = ?, version = version + 1 WHERE customer_number = ?`,
				dbValue(f, ""), e.Number); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE customer_changes SET old_value = '', new_value = ''
				WHERE field = ? AND customer_id = (SELECT id FROM customers WHERE customer_number = ?)`, f.Name, e.Number); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM retained WHERE field = ?
				AND customer_id = (SELECT id FROM customers WHERE customer_number = ?)`, f.Name, e.Number); err != nil {
				return err
			}
			what = append(what, e.Number+" "+e.Field)
		}
		// The keys and the search index follow the emptied names.
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET name_key = '' WHERE erased_at > 0 AND first_name = '' AND last_name = ''`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_search (customer_search) VALUES ('optimize')`); err != nil {
			return err
		}
		return db.audit(ctx, tx, 0, "kept data erased at the end of its period", strings.Join(what, ", "))
	})
	if err != nil {
		return nil, fmt.Errorf("erase the kept data whose period is over: %w", err)
	}
	return done, nil
}
