package register

import (
	"context"
	"fmt"
	"time"
)

// Retention is how long the Accounting Act (kirjanpitolaki 1336/1997
// 2:10) requires records to be kept, in years from the end of the
// financial year: the books 10 years, vouchers such as invoices and
// payment records 6 years.
type Retention struct {
	Vouchers int
	Books    int
}

// DefaultRetention is the Accounting Act's periods.
var DefaultRetention = Retention{Vouchers: 6, Books: 10}

// The fields an erasure keeps while the Accounting Act requires them: what
// identifies the counterparty in the books, and what the vouchers hold.
// Everything else is erased at once.
var (
	bookFields    = []string{"customer_number", "company_name", "business_id", "first_name", "last_name"}
	voucherFields = []string{"street_address", "postal_code", "city", "country", "payment_method", "payment_terms",
		"billing", "collection", "financing", "customer_since", "customer_until"}
)

// Why the fields are kept, for the answer to the requester.
const (
	whyBooks    = "Accounting Act 2:10: the books are kept for 10 years from the end of the financial year"
	whyVouchers = "Accounting Act 2:10: invoices, payment records and other vouchers are kept for 6 years from the end of the financial year"
)

// PlanErasure plans erasing the personal data of every linked entry
// (Art. 17) as of today: what the Accounting Act does not require is
// erased now; what it does is kept until its period ends, counted from the
// end of the year the customer relationship ended (or this year, when it
// has not). The bans are set so that what is kept is never used for
// marketing. The entry itself stays, under its customer number, marked
// erased.
func (db *DB) PlanErasure(ctx context.Context, caseID int64, keep Retention, today Date) (Plan, error) {
	p, entries, err := db.linkedForPlan(ctx, caseID, ActionErasure)
	if err != nil {
		return Plan{}, err
	}
	for _, c := range entries {
		e := entryPlan(c)
		e.Erase = true
		end := today.Year
		if until, err := ParseDate(c.Fields["customer_until"]); err == nil && until.Year < end {
			end = until.Year
		}
		booksUntil := MakeDate(end+keep.Books, time.December, 31)
		vouchersUntil := MakeDate(end+keep.Vouchers, time.December, 31)
		kept := map[string]bool{}
		for _, k := range []KeptFields{{bookFields, booksUntil, whyBooks}, {voucherFields, vouchersUntil, whyVouchers}} {
			if k.Until.Before(today) {
				continue // the period is over: erased with the rest
			}
			for _, f := range k.Fields {
				kept[f] = true
			}
			if k.Fields = nonEmpty(c, k.Fields); len(k.Fields) > 0 {
				e.Kept = append(e.Kept, k)
			}
		}
		for _, f := range customerFields {
			switch {
			case f.Name == "customer_number" || kept[f.Name]:
			case f.Name == "direct_marketing_ban" || f.Name == "market_research_ban":
				e.set(c, f.Name, "1")
			case f.Kind == kindFlag:
				e.set(c, f.Name, "0")
			default:
				e.set(c, f.Name, "")
			}
		}
		p.Entries = append(p.Entries, e)
	}
	p.Notes = append(p.Notes,
		"The request and its correspondence stay with the case as the record of the answer (Art. 5(2)) until closed cases are purged.",
		"The customer number stays as the entry's key; the bans stay set so that nothing kept is used for marketing.")
	return p, nil
}

// nonEmpty returns those of fields that hold a value in c.
func nonEmpty(c Customer, fields []string) []string {
	var out []string
	for _, f := range fields {
		if c.Fields[f] != "" {
			out = append(out, f)
		}
	}
	return out
}

// ParseRetention reads a period such as "6y" (years) for the config.
func ParseRetention(s string) (int, error) {
	var n int
	if _, err := fmt.Sscanf(s, "%dy", &n); err != nil || n < 1 || n > 100 || fmt.Sprintf("%dy", n) != s {
		return 0, fmt.Errorf("retention %q: want years, such as \"6y\"", s)
	}
	return n, nil
}
