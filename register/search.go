package register

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Hit is one entry a search found, and by what.
type Hit struct {
	Customer
	Match string `json:"match"` // "customer number", "business ID", "e-mail", "phone", or the fields the words matched
}

// SearchLimit is how many hits a search returns unless told otherwise;
// maxSearchLimit is the most it returns.
const (
	SearchLimit    = 50
	maxSearchLimit = 1000
)

// afterPrefix ends the range of keys that start with a prefix: in UTF-8,
// U+10FFFF sorts after every character that may follow.
const afterPrefix = "\U0010FFFF"

// anys turns strings into query arguments.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// SearchCustomers finds register entries by customer number, business ID,
// e-mail address, phone number in any common form, or the words of a name,
// company, contact person or e-mail address, ignoring case and diacritics;
// a word also matches the start of a longer one. Identifier matches come
// first, then word matches with the exact name first. more says there were
// more than limit hits.
func (db *DB) SearchCustomers(ctx context.Context, query string, limit int) (hits []Hit, more bool, err error) {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil, false, nil
	}
	if limit <= 0 {
		limit = SearchLimit
	}
	limit = min(limit, maxSearchLimit)
	s := search{db: db, ctx: ctx, limit: limit + 1, seen: map[int64]bool{}}
	upper := strings.ToUpper(q)
	s.add("customer number", `customer_number IN (?, ?)`, q, upper)
	if strings.ContainsFunc(q, unicode.IsDigit) && len(q) >= 3 {
		for _, k := range distinct([]string{q, upper}, strings.TrimSpace) {
			s.add("customer number", `customer_number >= ? AND customer_number < ? ORDER BY customer_number`, k, k+afterPrefix)
		}
	}
	if id, ok := businessIDQuery(q); ok {
		s.add("business ID", `business_id >= ? AND business_id < ? ORDER BY business_id`, id, id+afterPrefix)
	}
	if strings.Contains(q, "@") {
		k := emailKey(q)
		s.add("e-mail", `email_key >= ? AND email_key < ? ORDER BY email_key`, k, k+afterPrefix)
	}
	phoneLike := isPhoneLike(q)
	if phoneLike {
		k := phoneKey(q)
		s.add("phone", `phone_key >= ? AND phone_key < ? ORDER BY phone_key`, k, k+afterPrefix)
	}
	if !phoneLike {
		if keys := nameKeys(q); len(keys) > 0 {
			s.add("name", `name_key IN (?`+strings.Repeat(", ?", len(keys)-1)+`) ORDER BY name_key`, anys(keys)...)
		}
		s.words(q)
	}
	if s.err != nil {
		return nil, false, fmt.Errorf("search the register for %q: %w", q, s.err)
	}
	if len(s.hits) > limit {
		return s.hits[:limit], true, nil
	}
	return s.hits, false, nil
}

// search is one search in progress: hits in order, without repeats.
type search struct {
	db    *DB
	ctx   context.Context
	limit int
	seen  map[int64]bool
	hits  []Hit
	err   error
}

// add appends the entries matching where, labelled match.
func (s *search) add(match, where string, args ...any) {
	if s.err != nil || len(s.hits) >= s.limit {
		return
	}
	rows, err := s.db.r.QueryContext(s.ctx, customerSelect+` WHERE `+where+fmt.Sprintf(` LIMIT %d`, s.limit), args...)
	if err != nil {
		s.err = err
		return
	}
	defer rows.Close()
	for rows.Next() && len(s.hits) < s.limit {
		c, err := scanCustomer(rows)
		if err != nil {
			s.err = err
			return
		}
		if !s.seen[c.ID] {
			s.seen[c.ID] = true
			s.hits = append(s.hits, Hit{Customer: c, Match: match})
		}
	}
	s.err = rows.Err()
}

// words appends the entries whose indexed words start with every word of
// q, the exact name first, then by last and first name.
func (s *search) words(q string) {
	match, words := matchQuery(q)
	if match == "" || s.err != nil || len(s.hits) >= s.limit {
		return
	}
	var found []Hit
	rows, err := s.db.r.QueryContext(s.ctx, customerSelect+` WHERE id IN
		(SELECT docid FROM customer_search WHERE terms MATCH ? LIMIT ?)`, match, s.limit)
	if err != nil {
		s.err = err
		return
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			s.err = err
			return
		}
		if !s.seen[c.ID] {
			found = append(found, Hit{Customer: c, Match: matchedFields(c, words)})
		}
	}
	if s.err = rows.Err(); s.err != nil {
		return
	}
	name := strings.Join(words, " ")
	key := func(h Hit) string {
		exact := "1"
		if foldName(h.Fields["first_name"]+" "+h.Fields["last_name"]) == name ||
			foldName(h.Fields["last_name"]+" "+h.Fields["first_name"]) == name {
			exact = "0"
		}
		return exact + foldName(h.Fields["last_name"]+" "+h.Fields["first_name"]+" "+h.Fields["company_name"]) + "\x00" + h.Number
	}
	slices.SortFunc(found, func(a, b Hit) int { return strings.Compare(key(a), key(b)) })
	for _, h := range found {
		if len(s.hits) >= s.limit {
			break
		}
		s.seen[h.ID] = true
		s.hits = append(s.hits, h)
	}
}

// matchQuery turns a search into an FTS4 MATCH expression: each
// space-separated word of at least two letters or digits becomes a phrase
// of its parts whose last part may be the start of a longer word
// ("mäki" → "mäki*", "j.virtanen@x" → "j virtanen x*"). words are the
// query's parts, folded. The expression holds only letters, digits,
// spaces, quotes and stars, so nothing in q is read as FTS syntax.
func matchQuery(q string) (match string, words []string) {
	var phrases []string
	for _, w := range strings.Fields(q) {
		parts := strings.FieldsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(parts) == 0 || len([]rune(strings.Join(parts, ""))) < 2 {
			continue
		}
		for _, p := range parts {
			words = append(words, foldName(p))
		}
		phrases = append(phrases, `"`+strings.Join(parts, " ")+`*"`)
	}
	return strings.Join(phrases, " "), words
}

// matchedFields names the fields of c that hold a word starting with one
// of words, for showing why an entry was found.
func matchedFields(c Customer, words []string) string {
	var out []string
	for _, f := range []struct{ label, value string }{
		{"name", c.Fields["first_name"] + " " + c.Fields["last_name"]},
		{"company", c.Fields["company_name"]},
		{"contact person", c.Fields["contact_person"]},
		{"e-mail", c.Fields["email"]},
	} {
		parts := strings.FieldsFunc(foldName(f.value), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if slices.ContainsFunc(words, func(w string) bool {
			return slices.ContainsFunc(parts, func(p string) bool { return strings.HasPrefix(p, w) })
		}) {
			out = append(out, f.label)
		}
	}
	return strings.Join(out, ", ")
}

// businessIDQuery returns q as the start of a business ID when it looks
// like one: seven digits, optionally a dash and the check digit.
func businessIDQuery(q string) (string, bool) {
	digits := strings.ReplaceAll(q, "-", "")
	if len(digits) < 7 || len(digits) > 8 || strings.ContainsFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) {
		return "", false
	}
	if len(digits) == 7 {
		return digits, true
	}
	return digits[:7] + "-" + digits[7:], true
}

// isPhoneLike says whether q is written like a phone number: digits with
// spaces, dashes, dots, slashes, brackets or a leading plus, and at least
// five digits.
func isPhoneLike(q string) bool {
	n := 0
	for i, r := range q {
		switch {
		case r >= '0' && r <= '9':
			n++
		case r == '+' && i == 0:
		case strings.ContainsRune(" -./()", r):
		default:
			return false
		}
	}
	return n >= 5
}
