package inbox

import (
	"reflect"
	"strings"
	"testing"
)

func TestClassifyFixtures(t *testing.T) {
	tests := []struct {
		file    string
		want    Disposition
		reasons []string // each must appear among the reasons
	}{
		{"latin1-qp.eml", Request, nil},
		{"win1252-8bit.eml", Request, nil},
		{"utf8-base64.eml", Request, nil},
		{"html-only.eml", Request, nil},
		{"alternative.eml", Request, nil},
		{"mislabelled.eml", Request, nil},
		{"pdf-attachment.eml", Request, nil},
		{"forwarded.eml", Request, nil},
		{"broken.eml", Request, nil},
		{"ooo-fi.eml", AutoReply, []string{
			"header Auto-Submitted: auto-generated",
			`subject starts with "Automaattinen vastaus:"`,
		}},
		{"autoreply-sv.eml", AutoReply, []string{"header X-Autoreply: yes"}},
		{"bounce-dsn.eml", Bounce, []string{
			"multipart/report; report-type=delivery-status",
			"sender MAILER-DAEMON@mx.example.com",
			"header X-Failed-Recipients: olli.ollila@example.net",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, reasons := Classify(Parse(readFixture(t, tt.file)))
			if got != tt.want {
				t.Fatalf("Classify = %s %q, want %s", got, reasons, tt.want)
			}
			if tt.want == Request && len(reasons) != 0 {
				t.Errorf("a request has reasons %q", reasons)
			}
			for _, r := range tt.reasons {
				if !containsString(reasons, r) {
					t.Errorf("reasons %q lack %q", reasons, r)
				}
			}
		})
	}
}

func TestClassifyHandBuilt(t *testing.T) {
	person := Address{"Päivi Mäkinen", "paivi.makinen@example.fi"}
	h := func(kv ...string) []Header {
		var hs []Header
		for i := 0; i+1 < len(kv); i += 2 {
			hs = append(hs, Header{Key: kv[i], Value: kv[i+1]})
		}
		return hs
	}
	tests := []struct {
		name    string
		p       Parsed
		want    Disposition
		reasons []string // exact, when the want is not Request
	}{
		// Requests, including the false positives to avoid.
		{"plain request", Parsed{From: person, Subject: "Tietojeni poisto",
			Text: "Poistakaa tietoni."}, Request, nil},
		{"out of office in the body", Parsed{From: person, Subject: "Please delete my data",
			Text: "I was out of office when I got your newsletter, please delete my data."}, Request, nil},
		{"out of office starting the subject", Parsed{From: person,
			Subject: "Out of office when your newsletter came - delete my data"}, Request, nil},
		{"lower-case prefix without headers", Parsed{From: person,
			Subject: "automatic reply: why did I get this? Delete my data"}, Request, nil},
		{"reply to an auto-reply", Parsed{From: person,
			Subject: "RE: Automatic reply: Your newsletter", Text: "Delete my data, thanks."}, Request, nil},
		{"forward of an auto-reply", Parsed{From: person,
			Subject: "VS: Automaattinen vastaus: Uutiskirje"}, Request, nil},
		{"poissaolo is not poissa", Parsed{From: person, Subject: "Poissaolot ja tietojeni poisto",
			Headers: h("X-Auto-Response-Suppress", "All")}, Request, nil},
		{"Auto-Submitted no", Parsed{From: person, Subject: "Tietopyyntö",
			Headers: h("Auto-Submitted", "no")}, Request, nil},
		{"Auto-Submitted auto-forwarded", Parsed{From: person, Subject: "Tietopyyntö",
			Headers: h("Auto-Submitted", "auto-forwarded")}, Request, nil},
		{"empty Auto-Submitted", Parsed{From: person, Headers: h("Auto-Submitted", "")}, Request, nil},
		{"X-Autoreply no", Parsed{From: person, Headers: h("X-Autoreply", "no")}, Request, nil},
		{"Precedence bulk alone", Parsed{From: person, Subject: "Newsletter",
			Headers: h("Precedence", "bulk")}, Request, nil},
		{"Precedence list alone", Parsed{From: person, Headers: h("Precedence", "list")}, Request, nil},
		{"Exchange header alone", Parsed{From: person, Subject: "Tietojen poisto",
			Headers: h("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent")}, Request, nil},
		{"X-Auto-Response-Suppress alone", Parsed{From: person, Subject: "Tietojen poisto",
			Headers: h("X-Auto-Response-Suppress", "All")}, Request, nil},
		{"null Return-Path alone", Parsed{From: person, Headers: h("Return-Path", "<>")}, Request, nil},
		{"daemon-like but not daemon", Parsed{From: Address{"", "mailer-daemon.fan@example.com"}}, Request, nil},
		{"postmaster in the name only", Parsed{From: Address{"Postmaster Pat", "pat@example.com"}}, Request, nil},
		{"read receipt wording", Parsed{From: person, Subject: "Read: Tietopyyntö",
			Headers: h("Content-Type", "multipart/mixed; boundary=x")}, Request, nil},
		{"other report type", Parsed{From: person,
			Headers: h("Content-Type", "multipart/report; report-type=feedback-report")}, Request, nil},

		// Automatic replies.
		{"Auto-Submitted auto-replied", Parsed{From: person, Subject: "Re: Tietopyyntö",
			Headers: h("Auto-Submitted", "auto-replied")}, AutoReply,
			[]string{"header Auto-Submitted: auto-replied"}},
		{"Auto-Submitted with parameters, any case", Parsed{From: person,
			Headers: h("auto-submitted", "Auto-Replied; owner-email=\"x@example.fi\"")}, AutoReply,
			[]string{`header auto-submitted: Auto-Replied; owner-email="x@example.fi"`}},
		// A web form or ticket system sends a person's request as
		// auto-generated mail: that alone must not keep it out of the queue.
		{"web form request marked auto-generated", Parsed{From: person, Subject: "Yhteydenotto: tietopyyntö",
			Headers: h("Auto-Submitted", "auto-generated")}, Request, nil},
		{"X-Autorespond", Parsed{From: person, Headers: h("X-Autorespond", "Semester")}, AutoReply,
			[]string{"header X-Autorespond: Semester"}},
		{"Precedence auto_reply", Parsed{From: person, Headers: h("Precedence", "auto_reply")}, AutoReply,
			[]string{"header Precedence: auto_reply"}},
		{"exact prefix alone", Parsed{From: person, Subject: "Automatic reply: Your request"}, AutoReply,
			[]string{`subject starts with "Automatic reply:"`}},
		{"exact Swedish prefix alone", Parsed{From: person, Subject: "Automatiskt svar: Ert ärende"}, AutoReply,
			[]string{`subject starts with "Automatiskt svar:"`}},
		{"bare subject", Parsed{From: person, Subject: "Frånvaro"}, AutoReply,
			[]string{`subject starts with "Frånvaro"`}},
		{"loose prefix with Exchange header", Parsed{From: person, Subject: "Out of office until Monday",
			Headers: h("X-Auto-Response-Suppress", "All")}, AutoReply,
			[]string{`subject starts with "Out of office"`, "header X-Auto-Response-Suppress: All"}},
		{"loose Finnish prefix with bulk precedence", Parsed{From: person, Subject: "Poissa 10.11. asti",
			Headers: h("Precedence", "bulk")}, AutoReply,
			[]string{`subject starts with "Poissa"`, "header Precedence: bulk"}},
		{"read receipt", Parsed{From: person, Subject: "Luettu: Tietopyyntö",
			Headers: h("Content-Type", `multipart/report; report-type="disposition-notification"; boundary="x"`)},
			AutoReply, []string{"multipart/report; report-type=disposition-notification"}},

		// Bounces.
		{"postmaster", Parsed{From: Address{"", "postmaster@example.fi"}}, Bounce,
			[]string{"sender postmaster@example.fi"}},
		{"MAILER-DAEMON without domain", Parsed{From: Address{"Mail Delivery System", "MAILER-DAEMON"}}, Bounce,
			[]string{"sender MAILER-DAEMON"}},
		{"report content type", Parsed{From: Address{"Exchange", "noreply@example.se"},
			Headers: h("Content-Type", `Multipart/Report; report-type="Delivery-Status"; boundary="b"`)}, Bounce,
			[]string{"multipart/report; report-type=delivery-status"}},
		{"X-Failed-Recipients", Parsed{From: Address{"Mail System", "mail@example.com"},
			Headers: h("X-Failed-Recipients", "x@example.net")}, Bounce,
			[]string{"header X-Failed-Recipients: x@example.net"}},
		{"bounce beats auto-reply", Parsed{From: Address{"", "MAILER-DAEMON@example.com"},
			Headers: h("Auto-Submitted", "auto-replied")}, Bounce,
			[]string{"sender MAILER-DAEMON@example.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reasons := Classify(tt.p)
			if got != tt.want {
				t.Fatalf("Classify = %s %q, want %s", got, reasons, tt.want)
			}
			if tt.want == Request {
				if len(reasons) != 0 {
					t.Errorf("a request has reasons %q", reasons)
				}
				return
			}
			if !reflect.DeepEqual(reasons, tt.reasons) {
				t.Errorf("reasons = %q, want %q", reasons, tt.reasons)
			}
		})
	}
}

func TestClassifyReasonsAreShort(t *testing.T) {
	long := strings.Repeat("x", 500)
	_, reasons := Classify(Parsed{Headers: []Header{{Key: "X-Failed-Recipients", Value: long}}})
	if len(reasons) != 1 || len(reasons[0]) > 120 {
		t.Errorf("reasons = %q", reasons)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
