package register

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
)

// WriteMarketingList writes as CSV the entries that may be sent direct
// marketing — or, with research, asked to take part in market research:
// those with an e-mail address whose ban is not set, and that are neither
// restricted (Art. 18) nor erased. It returns how many it wrote.
func (db *DB) WriteMarketingList(ctx context.Context, w io.Writer, research bool) (int, error) {
	ban := "direct_marketing_ban"
	if research {
		ban = "market_research_ban"
	}
	rows, err := db.r.QueryContext(ctx, `SELECT customer_number, first_name, last_name, company_name, email, newsletter
		FROM customers WHERE `+ban+` = 0 AND restricted = 0 AND erased_at = 0 AND email <> ''
		ORDER BY customer_number`)
	if err != nil {
		return 0, fmt.Errorf("read the marketing list: %w", err)
	}
	defer rows.Close()
	cw := csv.NewWriter(w)
	cw.Write([]string{"customer_number", "first_name", "last_name", "company_name", "email", "newsletter"})
	n := 0
	rec := make([]string, 6)
	for rows.Next() {
		if err := rows.Scan(&rec[0], &rec[1], &rec[2], &rec[3], &rec[4], &rec[5]); err != nil {
			return n, err
		}
		if err := cw.Write(csvRecord(rec)); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}
