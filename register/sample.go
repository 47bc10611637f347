package register

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FillSample adds a made-up load to an empty database, for benchmarks and
// trying out the case list at size: customers register entries and cases
// open requests, each with one kind and one linked entry, due over the next
// 400 days. It writes straight with SQL, in one transaction, bypassing the
// mail, the classifier, the search index and the audit trail: storing
// 100,000 requests one by one through StoreBatch would take minutes. Never
// use it on a real register.
func (db *DB) FillSample(ctx context.Context, customers, cases int) error {
	now := time.Now().Unix()
	today := Today(time.Now())
	return db.tx(ctx, func(tx *sql.Tx) error {
		steps := []struct {
			what, query string
			args        []any
		}{
			{"customers", `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
INSERT INTO customers (customer_number, first_name, last_name, email, name_key, email_key, created_at, updated_at)
SELECT printf('S%07d', i + (SELECT count(*) FROM customers)), 'Etunimi' || (i % 997), 'Sukunimi' || i, 'asiakas' || i || '@example.fi',
	'etunimi' || (i % 997) || ' sukunimi' || i, 'asiakas' || i || '@example.fi', ?, ? FROM n`,
				[]any{customers, now, now}},
			{"cases", `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
INSERT INTO cases (tag, status, received_at, due_date, extended_due_date, requester_email, requester_name,
	subject, uncertain, created_at, updated_at)
SELECT printf('DSR-SAMPLE-%07d', i + (SELECT count(*) FROM cases)), 'open', ? - (i % 86400), date(?, '+' || (i % 400) || ' days'), date(?, '+' || (i % 400 + 60) || ' days'),
	'asiakas' || i || '@example.fi', 'Asiakas ' || i, 'Tietopyyntö ' || i, i % 50 = 0, ?, ? FROM n`,
				[]any{cases, now, today.String(), today.String(), now, now}},
			{"kinds", `INSERT OR IGNORE INTO case_kinds (case_id, kind)
SELECT id, CASE id % 3 WHEN 0 THEN 'access' WHEN 1 THEN 'erasure' ELSE 'objection' END
FROM cases WHERE tag LIKE 'DSR-SAMPLE-%'`, nil},
			{"links", `INSERT OR IGNORE INTO case_customers (case_id, customer_id, evidence)
SELECT c.id, cu.id, 'sample' FROM cases c JOIN customers cu ON cu.id = 1 + (c.id % ?)
WHERE c.tag LIKE 'DSR-SAMPLE-%'`, []any{max(1, customers)}},
		}
		for _, s := range steps {
			if s.what == "links" && customers == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, s.query, s.args...); err != nil {
				return fmt.Errorf("fill %s with sample %s: %w", db.path, s.what, err)
			}
		}
		return nil
	})
}
