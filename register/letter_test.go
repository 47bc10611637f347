package register

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox"
)

// letterCase is a case with every fact a letter can state: its kinds, an
// extension, an access report, an objection, a rectification, a
// restriction and an erasure that kept fields for both of the Accounting
// Act's periods, with two recipients to tell. It returns the folder the
// access report was written in and the report's files.
func letterCase(t *testing.T) (*DB, Case, string, []string) {
	t.Helper()
	db, c := linkedCase(t)
	ctx := context.Background()
	db.SetRecipients([]string{"Posti Oy", "Tilitoimisto Oy"})
	// An agent with a power of attorney: the access letter may go to them
	// after the erasure empties the address on file, and asking for
	// identification is still possible.
	if err := db.SetIdentity(ctx, c.ID, c.Version, Identity{Status: IdentityAgent, Note: "valtakirja 1.11.2026"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportCustomers(ctx, strings.NewReader("customer_number,city,billing\nL-1,Vantaa,lasku 1\n"), "v.csv", false); err != nil {
		t.Fatal(err)
	}
	if err := db.SetKinds(ctx, c.ID, fresh(t, db, c.ID).Version, []string{"access", "portability", "rectification", "erasure", "restriction", "objection"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Extend(ctx, c.ID, fresh(t, db, c.ID).Version, ExtensionReasons[0], time.Date(2026, 11, 3, 10, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "exports")
	res, err := db.ExportAccess(ctx, c.ID, ExportOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	carry := func(p Plan, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Carry(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	carry(db.PlanObjection(ctx, c.ID))
	carry(db.PlanRectification(ctx, c.ID, "L-1", "phone", "040 111 2222"))
	carry(db.PlanRectification(ctx, c.ID, "L-1", "business_id", "2734561-5"))
	carry(db.PlanRestriction(ctx, c.ID, false))
	carry(db.PlanErasure(ctx, c.ID, DefaultRetention, MakeDate(2026, time.November, 24)))
	return db, fresh(t, db, c.ID), dir, res.Files
}

// TestAccessLetterNeedsAKnownRequester: the data goes only to an address
// on file, or to a requester whose identity was verified.
func TestAccessLetterNeedsAKnownRequester(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	mustImport(t, db, "customers-link.csv")
	// Matched by name and company, writing from an address not on file.
	c := openCaseFrom(t, db, 1, linkMsg(1, "Pekka Nieminen", "pekka1970@gmail.example", "Olen Pekka Nieminen, Tili Oy. Haluan tietoni."))
	if len(c.Customers) != 1 {
		t.Fatalf("linked %v", c.Customers)
	}
	if _, err := db.ExportAccess(ctx, c.ID, ExportOptions{Dir: filepath.Join(t.TempDir(), "x")}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Compose(ctx, c.ID, LetterAccess, LetterOptions{}); !errors.Is(err, ErrIdentityUnverified) {
		t.Errorf("access letter to an unverified address: %v", err)
	}
	compose(t, db, c.ID, LetterIdentification, LetterOptions{}) // asking is fine
	c = fresh(t, db, c.ID)
	if err := db.SetIdentity(ctx, c.ID, c.Version, Identity{Status: IdentityVerified, Method: MethodCustomerNumber}); err != nil {
		t.Fatal(err)
	}
	compose(t, db, c.ID, LetterAccess, LetterOptions{})
}

// compose composes a letter and fails the test on an error.
func compose(t *testing.T, db *DB, id int64, kind LetterKind, opts LetterOptions) Letter {
	t.Helper()
	l, err := db.Compose(context.Background(), id, kind, opts)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return l
}

// The dates and words each language's letters must show for letterCase.
var letterWant = map[string]struct {
	received, due, sign string
	books, vouchers     string // the erasure's until-dates
	why                 string // the start of the Accounting Act's reason
	complaint, court    string
}{
	"fi": {"2.11.2026", "2.2.2027", "Sesoma Oy, tietosuoja", "31.12.2036", "31.12.2032",
		"Kirjanpitolain (1336/1997) 2 luvun 10 §", "Tietosuojavaltuutetun toimisto\nPL 800, 00531 Helsinki\ntietosuoja@om.fi", "tuomioistuimen"},
	"sv": {"2.11.2026", "2.2.2027", "Sesoma Oy, dataskydd", "31.12.2036", "31.12.2032",
		"Enligt 2 kap. 10 § i bokföringslagen (1336/1997)", "Dataombudsmannens byrå (Tietosuojavaltuutetun toimisto)\nPB 800, 00531 Helsingfors\ntietosuoja@om.fi", "domstol"},
	"en": {"2 November 2026", "2 February 2027", "Sesoma Oy, data protection", "31 December 2036", "31 December 2032",
		"Under chapter 2, section 10 of the Finnish Accounting Act (1336/1997)", "(Tietosuojavaltuutetun toimisto)\nPL 800, 00531 Helsinki, Finland\ntietosuoja@om.fi", "court"},
}

func TestLettersRenderInEveryLanguage(t *testing.T) {
	db, c, _, _ := letterCase(t)
	if c.Due != MakeDate(2027, time.February, 2) {
		t.Fatalf("due %s", c.Due)
	}
	for _, lang := range Languages {
		w := letterWant[lang]
		for _, kind := range LetterKinds {
			if kind == LetterIdentification {
				continue // this requester's identity is settled: see TestIdentificationLetterAsksLittle
			}
			l := compose(t, db, c.ID, kind, LetterOptions{Lang: lang, Reason: "Syy, jonka virkailija kirjoitti."})
			name := kind.Label() + " in " + lang
			switch {
			case l.Kind != kind || l.Lang != lang:
				t.Errorf("%s: kind %s, lang %s", name, l.Kind, l.Lang)
			case !strings.Contains(l.Body, c.Tag) || !strings.HasSuffix(l.Subject, " ["+c.Tag+"]"):
				t.Errorf("%s: no tag in body or subject %q", name, l.Subject)
			case !strings.Contains(l.Body, w.received):
				t.Errorf("%s: no received date %q:\n%s", name, w.received, l.Body)
			case strings.Contains(l.Body, "<no value>") || strings.Contains(l.Body, "{{"):
				t.Errorf("%s: template leftovers:\n%s", name, l.Body)
			case !strings.Contains(l.Body, "Matti Virtanen,\n\n"):
				t.Errorf("%s: no greeting by name:\n%s", name, l.Body)
			case !strings.HasSuffix(l.Body, w.sign+"\nsesoma@sesoma.fi\n"):
				t.Errorf("%s: not signed %q:\n%s", name, w.sign, l.Body)
			case strings.Contains(l.Body, "\n\n\n") || strings.Contains(l.Body, " \n"):
				t.Errorf("%s: untidy blank lines or trailing spaces:\n%q", name, l.Body)
			case l.To != (Person{Email: "matti.virtanen@esimerkki.fi", Name: "Matti Virtanen"}):
				t.Errorf("%s: to %+v", name, l.To)
			}
			if (kind == LetterAcknowledgement || kind == LetterExtension) && !strings.Contains(l.Body, w.due) {
				t.Errorf("%s: no due date %q:\n%s", name, w.due, l.Body)
			}
		}
	}
	// The extension notice gives its reason in the letter's language.
	for lang, want := range map[string]string{"fi": "Syy: pyyntösi on laaja", "sv": "Skäl: din begäran är omfattande", "en": "Reason: your request is complex"} {
		if l := compose(t, db, c.ID, LetterExtension, LetterOptions{Lang: lang}); !strings.Contains(l.Body, want) {
			t.Errorf("extension in %s: no %q:\n%s", lang, want, l.Body)
		}
	}
	// The rectification names both corrected fields in the language.
	l := compose(t, db, c.ID, LetterRectification, LetterOptions{Lang: "sv"})
	if !strings.Contains(l.Body, "- Telefon\n- FO-nummer\n") || !strings.Contains(l.Body, "Posti Oy och Tilitoimisto Oy") {
		t.Errorf("rectification:\n%s", l.Body)
	}
}

func TestErasureLetter(t *testing.T) {
	db, c, _, _ := letterCase(t)
	for _, lang := range Languages {
		w := letterWant[lang]
		l := compose(t, db, c.ID, LetterErasure, LetterOptions{Lang: lang})
		for _, want := range []string{
			": " + labelsOf(lang, "customer_number", "company_name", "business_id", "first_name", "last_name") + "\n",
			": " + w.books + "\n", w.why,
			": " + labelsOf(lang, "city", "billing") + "\n", ": " + w.vouchers + "\n",
			joinList(lang, []string{"Posti Oy", "Tilitoimisto Oy"}),
		} {
			if !strings.Contains(l.Body, want) {
				t.Errorf("erasure in %s: no %q:\n%s", lang, want, l.Body)
			}
		}
		// The fields come before their date and reason, books first.
		if i, j := strings.Index(l.Body, w.books), strings.Index(l.Body, w.vouchers); i < 0 || j < i {
			t.Errorf("erasure in %s: the periods out of order:\n%s", lang, l.Body)
		}
		if lang != "en" && strings.Contains(l.Body, whyBooks) {
			t.Errorf("erasure in %s: the reason left in English", lang)
		}
	}
}

// labelsOf is the list of the fields' labels as a letter in lang writes it.
func labelsOf(lang string, fields ...string) string {
	var labels []string
	for _, f := range fields {
		labels = append(labels, FieldLabelIn(lang, f))
	}
	return joinList(lang, labels)
}

func TestRefusalLetters(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	for _, lang := range Languages {
		w := letterWant[lang]
		for _, kind := range []LetterKind{LetterRefusal, LetterPartialRefusal} {
			l := compose(t, db, c.ID, kind, LetterOptions{Lang: lang, Reason: "Reason one.\nReason two."})
			for _, want := range []string{w.complaint, w.court, "Reason one.\nReason two.\n"} {
				if !strings.Contains(l.Body, want) {
					t.Errorf("%s in %s: no %q:\n%s", kind, lang, want, l.Body)
				}
			}
			if !strings.Contains(l.Body, "Tietosuojavaltuutetun toimisto") {
				t.Errorf("%s in %s does not name Tietosuojavaltuutetun toimisto", kind, lang)
			}
		}
	}
	// Without a reason argument, the reasons the case was closed with.
	if err := db.CloseCase(ctx, c.ID, fresh(t, db, c.ID).Version, OutcomeRefused, "Pyyntö on ilmeisen perusteeton.", time.Now()); err != nil {
		t.Fatal(err)
	}
	if l := compose(t, db, c.ID, LetterRefusal, LetterOptions{}); !strings.Contains(l.Body, "\nPyyntö on ilmeisen perusteeton.\n") {
		t.Errorf("refusal with the case's reasons:\n%s", l.Body)
	}
}

func TestComposeRefusesMissingFacts(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	for kind, want := range map[LetterKind]string{
		LetterErasure:        "no erasure was carried out",
		LetterRectification:  "no rectification was carried out",
		LetterObjection:      "no objection was carried out",
		LetterRestriction:    "no restriction was carried out",
		LetterAccess:         "no access report was written",
		LetterExtension:      "the case is not extended",
		LetterRefusal:        "needs its reasons",
		LetterPartialRefusal: "needs its reasons",
		"thank-you":          `letter kind "thank-you"`,
	} {
		_, err := db.Compose(ctx, c.ID, kind, LetterOptions{Reason: " \n "})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", kind, err, want)
		}
	}
	if _, err := db.Compose(ctx, c.ID, LetterAcknowledgement, LetterOptions{Lang: "de"}); err == nil || !strings.Contains(err.Error(), `"de"`) {
		t.Errorf("German: %v", err)
	}
	if _, err := db.Compose(ctx, 999, LetterAcknowledgement, LetterOptions{}); err == nil {
		t.Error("a letter for no case")
	}
	// A restriction lifted is not one in place.
	for _, lift := range []bool{false, true} {
		p, err := db.PlanRestriction(ctx, c.ID, lift)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Carry(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Compose(ctx, c.ID, LetterRestriction, LetterOptions{}); err == nil || !strings.Contains(err.Error(), "was lifted") {
		t.Errorf("restriction lifted: %v", err)
	}
	// No asking for identification of a verified requester.
	compose(t, db, c.ID, LetterIdentification, LetterOptions{})
	if err := db.SetIdentity(ctx, c.ID, fresh(t, db, c.ID).Version, Identity{Status: IdentityVerified, Method: MethodAddressOnFile}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Compose(ctx, c.ID, LetterIdentification, LetterOptions{}); err == nil || !strings.Contains(err.Error(), "already verified") {
		t.Errorf("identification of a verified requester: %v", err)
	}
}

func TestIdentificationLetterAsksLittle(t *testing.T) {
	db, c := linkedCase(t)
	for lang, want := range map[string][]string{
		"fi": {"sähköpostiosoitteesta, joka on tallennettu asiakastietoihisi", "asiakasnumerosi", "Y-tunnuksen", "Älä lähetä kopiota henkilöllisyystodistuksestasi"},
		"sv": {"e-postadress som finns i dina kunduppgifter", "kundnummer", "FO-numret", "Skicka inte en kopia av ditt identitetsbevis"},
		"en": {"e-mail address held in your customer details", "customer number", "business ID", "do not send a copy of an identity document"},
	} {
		l := compose(t, db, c.ID, LetterIdentification, LetterOptions{Lang: lang})
		for _, w := range want {
			if !strings.Contains(l.Body, w) {
				t.Errorf("identification in %s: no %q:\n%s", lang, w, l.Body)
			}
		}
	}
}

func TestLetterLanguage(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	if l := compose(t, db, c.ID, LetterAcknowledgement, LetterOptions{}); l.Lang != "fi" || !strings.Contains(l.Body, "viimeistään 2.12.2026") {
		t.Errorf("no language: %s\n%s", l.Lang, l.Body)
	}
	if err := db.SetLanguage(ctx, c.ID, fresh(t, db, c.ID).Version, "en"); err != nil {
		t.Fatal(err)
	}
	if l := compose(t, db, c.ID, LetterAcknowledgement, LetterOptions{}); l.Lang != "en" || !strings.Contains(l.Body, "by 2 December 2026") {
		t.Errorf("English case: %s\n%s", l.Lang, l.Body)
	}
	if got := LetterDate("en", MakeDate(2026, time.April, 7)) + " " + LetterDate("sv", MakeDate(2026, time.April, 7)) + LetterDate("fi", Date{}); got != "7 April 2026 7.4.2026" {
		t.Errorf("dates %q", got)
	}
}

func TestLetterTemplateOverride(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("acknowledgement.fi.tmpl", "Oma pohja {{.Tag}}: {{.Due}}\n\n\n\n{{.Signature}}   \n\n")
	l := compose(t, db, c.ID, LetterAcknowledgement, LetterOptions{TemplateDir: dir})
	if want := "Oma pohja " + c.Tag + ": 2.12.2026\n\n" + letterSignature["fi"] + "\n"; l.Body != want {
		t.Errorf("override: %q, want %q", l.Body, want)
	}
	for text, want := range map[string]string{
		"{{.Tag":               "is broken",
		"{{.NoSuchField}}":     "is broken",
		"{{list .Tag}}":        "is broken",
		"{{if false}}x{{end}}": "wrote nothing",
	} {
		write("acknowledgement.fi.tmpl", text)
		_, err := db.Compose(ctx, c.ID, LetterAcknowledgement, LetterOptions{TemplateDir: dir})
		if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "acknowledgement.fi.tmpl")) || !strings.Contains(err.Error(), want) {
			t.Errorf("template %q: %v", text, err)
		}
	}
	_, err := db.Compose(ctx, c.ID, LetterIdentification, LetterOptions{TemplateDir: dir})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "identification.fi.tmpl")) {
		t.Errorf("missing override: %v", err)
	}
	// The built-in texts copied out are the same letters; existing files stay.
	wrote, err := WriteLetterTemplates(dir)
	if err != nil || len(wrote) != len(LetterKinds)*len(Languages)-1 {
		t.Fatalf("wrote %d files: %v", len(wrote), err)
	}
	if again, err := WriteLetterTemplates(dir); err != nil || len(again) != 0 {
		t.Errorf("second copy wrote %v: %v", again, err)
	}
	own := compose(t, db, c.ID, LetterIdentification, LetterOptions{TemplateDir: dir})
	if builtin := compose(t, db, c.ID, LetterIdentification, LetterOptions{}); own.Body != builtin.Body {
		t.Errorf("the copied template writes another letter:\n%s\n---\n%s", own.Body, builtin.Body)
	}
}

func TestLetterThreading(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	m1 := linkMsg(1, "Anna Lindqvist", "anna.lindqvist@example.fi", "Jag vill se mina uppgifter.")
	m1.Subject = "VS: Fwd: Tietopyyntö [DSR-2025-0009]"
	c := openCaseFrom(t, db, 1, m1)
	// The requester writes again; then Sesoma's own letter joins the thread.
	m2 := linkMsg(2, "Anna Lindqvist", "Anna.Lindqvist@example.fi", "Har ni fått min begäran?")
	m2.Disposition, m2.Subject, m2.InReplyTo, m2.References = DispositionOther, "Re: Tietopyyntö", []string{"m1@example.fi"}, []string{"m0@example.fi", "m1@example.fi"}
	m3 := linkMsg(3, "Sesoma", "sesoma@sesoma.fi", "Vi har tagit emot…")
	m3.Disposition, m3.Subject, m3.InReplyTo = DispositionOther, "Re: Tietopyyntö ["+c.Tag+"]", []string{"m2@example.fi"}
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 3, Messages: []Message{m2, m3}}); err != nil {
		t.Fatal(err)
	}
	d, _ := db.CaseByID(ctx, c.ID)
	if len(d.Messages) != 3 {
		t.Fatalf("the thread has %d messages", len(d.Messages))
	}
	l := compose(t, db, c.ID, LetterAcknowledgement, LetterOptions{})
	if want := "Re: Tietopyyntö [" + c.Tag + "]"; l.Subject != want {
		t.Errorf("subject %q, want %q", l.Subject, want)
	}
	if l.InReplyTo != "m2@example.fi" || !slices.Equal(l.References, []string{"m0@example.fi", "m1@example.fi", "m2@example.fi"}) {
		t.Errorf("In-Reply-To %q, References %q", l.InReplyTo, l.References)
	}
	// The subject carries the tag as the inbox finds it in a reply.
	for _, subject := range []string{l.Subject, LetterSubject("", c.Tag, "sv"), LetterSubject("Åtkomst\r\nBcc: x@y.fi", c.Tag, "en")} {
		raw := []byte("From: a@b.fi\r\nSubject: " + subject + "\r\n\r\nText\r\n")
		p := inbox.NewMail("INBOX", 1, 1, time.Now(), int64(len(raw)), raw, nil)
		if p.Thread.Tag != c.Tag || strings.ContainsAny(subject, "\r\n") {
			t.Errorf("subject %q: the inbox reads tag %q", subject, p.Thread.Tag)
		}
	}
	if got := LetterSubject(" ", "DSR-2026-0001", "sv"); got != "Re: Din begäran om dataskydd [DSR-2026-0001]" {
		t.Errorf("no subject: %q", got)
	}
}

func TestAccessLetterAttachments(t *testing.T) {
	db, c, dir, files := letterCase(t)
	ctx := context.Background()
	l := compose(t, db, c.ID, LetterAccess, LetterOptions{ExportDir: dir, Lang: "fi"})
	if !slices.Equal(l.Attachments, files) || len(files) != 4 {
		t.Errorf("attachments %q, want %q", l.Attachments, files)
	}
	for _, want := range []string{"- report.md: tämä asiakirja", "- data.csv: rekisterin tietosi taulukkona", "Tiedostot data.json ja data.csv ovat koneluettavassa muodossa"} {
		if !strings.Contains(l.Body, want) {
			t.Errorf("access letter: no %q:\n%s", want, l.Body)
		}
	}
	if l := compose(t, db, c.ID, LetterAccess, LetterOptions{ExportDir: filepath.Dir(files[0])}); !slices.Equal(l.Attachments, files) {
		t.Errorf("attachments from the report's folder %q", l.Attachments)
	}
	if l := compose(t, db, c.ID, LetterAccess, LetterOptions{}); len(l.Attachments) != 0 {
		t.Errorf("attachments without an export folder: %q", l.Attachments)
	}
	if l := compose(t, db, c.ID, LetterErasure, LetterOptions{ExportDir: dir}); len(l.Attachments) != 0 {
		t.Errorf("an erasure letter attaches %q", l.Attachments)
	}
	if err := os.Remove(files[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Compose(ctx, c.ID, LetterAccess, LetterOptions{ExportDir: dir}); err == nil || !strings.Contains(err.Error(), files[2]) {
		t.Errorf("a report file gone: %v", err)
	}
	if _, err := db.Compose(ctx, c.ID, LetterAccess, LetterOptions{ExportDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "-access-") {
		t.Errorf("the report folder gone: %v", err)
	}
}

func TestSuggestLetterKind(t *testing.T) {
	at := time.Date(2026, 11, 3, 10, 0, 0, 0, Helsinki)
	acts := func(actions ...string) []ActionRecord {
		var out []ActionRecord
		for _, a := range actions {
			out = append(out, ActionRecord{Action: a, At: at})
		}
		return out
	}
	open := Case{Status: StatusOpen}
	extended := Case{Status: StatusOpen, ExtendedAt: at}
	for _, tc := range []struct {
		name string
		c    Case
		acts []ActionRecord
		want LetterKind
	}{
		{"new case", open, nil, LetterAcknowledgement},
		{"extended, notice owed", extended, acts(ActionAccess), LetterExtension},
		{"extension notified", Case{Status: StatusOpen, ExtendedAt: at, ExtensionNotifiedAt: at}, nil, LetterAcknowledgement},
		{"waiting for ID", Case{Status: StatusOpen, WaitingForID: true}, nil, LetterIdentification},
		{"access report written", open, acts(ActionAccess), LetterAccess},
		{"erasure last", open, acts(ActionAccess, ActionErasure), LetterErasure},
		{"objection", open, acts(ActionObjection), LetterObjection},
		{"rectification", open, acts(ActionRectification), LetterRectification},
		{"restriction", open, acts(ActionRestriction), LetterRestriction},
		{"restriction lifted", open, acts(ActionAccess, ActionRestriction, ActionRestrictionLift), LetterAccess},
		{"refused", Case{Status: StatusClosed, Outcome: OutcomeRefused}, acts(ActionAccess), LetterRefusal},
		{"unfounded", Case{Status: StatusClosed, Outcome: OutcomeUnfounded}, nil, LetterRefusal},
		{"partly refused", Case{Status: StatusClosed, Outcome: OutcomePartlyRefused}, nil, LetterPartialRefusal},
	} {
		if got := SuggestLetterKind(tc.c, tc.acts); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	db, c, _, _ := letterCase(t)
	if k, err := db.SuggestLetter(context.Background(), c.ID); err != nil || k != LetterExtension {
		t.Errorf("the extended case: %s %v", k, err)
	}
}

func TestLetterKinds(t *testing.T) {
	for _, k := range LetterKinds {
		if k.Label() == string(k) || !strings.Contains(k.Label(), " ") && len(k.Label()) < 8 {
			t.Errorf("%s has no label", k)
		}
		if got, err := ParseLetterKind(string(k)); got != k || err != nil {
			t.Errorf("parse %s: %s %v", k, got, err)
		}
		for _, lang := range Languages {
			if _, err := builtinLetters.ReadFile("letters/" + LetterFile(k, lang)); err != nil {
				t.Errorf("no built-in %s: %v", LetterFile(k, lang), err)
			}
		}
	}
	entries, _ := builtinLetters.ReadDir("letters")
	if len(entries) != len(LetterKinds)*len(Languages) {
		t.Errorf("%d built-in templates, want %d", len(entries), len(LetterKinds)*len(Languages))
	}
}
