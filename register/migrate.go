package register

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations are the schema steps, in order; the database's user_version
// counts how many have been applied. Never edit a step that has shipped: add one.
var migrations = []string{
	// 1: stored messages, cases, per-mailbox sync state, the audit trail.
	`
CREATE TABLE cases (
	id                INTEGER PRIMARY KEY,
	tag               TEXT NOT NULL UNIQUE,
	status            TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	received_at       INTEGER NOT NULL, -- Unix seconds: INTERNALDATE of the first message
	due_date          TEXT NOT NULL,    -- YYYY-MM-DD, the last day, Helsinki
	extended_due_date TEXT NOT NULL,
	requester_email   TEXT NOT NULL,
	requester_name    TEXT NOT NULL,
	subject           TEXT NOT NULL,
	version           INTEGER NOT NULL DEFAULT 1,
	created_at        INTEGER NOT NULL,
	updated_at        INTEGER NOT NULL
);
CREATE INDEX cases_by_due ON cases (status, due_date, received_at, id);

CREATE TABLE messages (
	id           INTEGER PRIMARY KEY,
	mailbox      TEXT NOT NULL,
	uidvalidity  INTEGER NOT NULL,
	uid          INTEGER NOT NULL,
	message_id   TEXT NOT NULL,
	sha256       TEXT NOT NULL UNIQUE,
	received_at  INTEGER NOT NULL, -- Unix seconds: the server's INTERNALDATE
	size         INTEGER NOT NULL,
	from_email   TEXT NOT NULL,
	from_name    TEXT NOT NULL,
	subject      TEXT NOT NULL,
	in_reply_to  TEXT NOT NULL, -- Message-IDs, one per line
	refs         TEXT NOT NULL,
	headers      TEXT NOT NULL,
	body_text    TEXT NOT NULL,
	parse_error  TEXT NOT NULL,
	disposition  TEXT NOT NULL,
	reasons      TEXT NOT NULL, -- one per line
	case_id      INTEGER REFERENCES cases (id),
	stored_at    INTEGER NOT NULL,
	raw          BLOB NOT NULL, -- last, so listing never reads it
	UNIQUE (mailbox, uidvalidity, uid)
);
CREATE INDEX messages_by_case ON messages (case_id, received_at);
CREATE INDEX messages_by_message_id ON messages (message_id);

CREATE TABLE sync_state (
	mailbox     TEXT PRIMARY KEY,
	uidvalidity INTEGER NOT NULL,
	last_uid    INTEGER NOT NULL,
	synced_at   INTEGER NOT NULL
);

CREATE TABLE audit (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,    -- RFC 3339, UTC
	actor   TEXT NOT NULL,    -- the OS user, and the SSH client address when there is one
	case_id INTEGER REFERENCES cases (id),
	action  TEXT NOT NULL,
	detail  TEXT NOT NULL
);
CREATE INDEX audit_by_case ON audit (case_id, id);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`,
	// 2: classification, threading, forwards, identity and the suspended clock.
	`
ALTER TABLE messages ADD COLUMN kinds TEXT NOT NULL DEFAULT '';           -- one per line
ALTER TABLE messages ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;    -- the classifier was unsure
ALTER TABLE messages ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0;    -- an officer decided the disposition
ALTER TABLE messages ADD COLUMN requester_email TEXT NOT NULL DEFAULT ''; -- the original sender of a staff forward
ALTER TABLE messages ADD COLUMN requester_name TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN staff_forward INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN original_date INTEGER NOT NULL DEFAULT 0; -- Unix seconds; the forwarded original's Date
ALTER TABLE messages ADD COLUMN thread_tag TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN base_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN is_reply INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '';    -- "name<TAB>type<TAB>size" per line
ALTER TABLE messages ADD COLUMN redacted TEXT NOT NULL DEFAULT '';       -- what was removed from raw, and when
UPDATE messages SET requester_email = from_email, requester_name = from_name;

ALTER TABLE cases ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN new_activity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN identity TEXT NOT NULL DEFAULT 'unverified'
	CHECK (identity IN ('unverified', 'verified', 'agent'));
ALTER TABLE cases ADD COLUMN identity_method TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN identity_note TEXT NOT NULL DEFAULT '';

CREATE TABLE case_kinds (
	case_id INTEGER NOT NULL REFERENCES cases (id),
	kind    TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection')),
	PRIMARY KEY (case_id, kind)
);

-- Periods of waiting for identifying information: the clock may be
-- suspended meanwhile (EDPB Guidelines 01/2022 §159).
CREATE TABLE suspensions (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	started_at INTEGER NOT NULL, -- Unix seconds
	ended_at   INTEGER           -- NULL while still waiting
);
CREATE INDEX suspensions_by_case ON suspensions (case_id);

CREATE INDEX messages_by_thread ON messages (requester_email, base_subject);
CREATE INDEX messages_without_case ON messages (case_id, disposition) WHERE case_id IS NULL;
`,
	// 3: the customer register and the change log of its every field.
	`
CREATE TABLE customers (
	id                   INTEGER PRIMARY KEY,
	customer_number      TEXT NOT NULL UNIQUE,
	company_name         TEXT NOT NULL DEFAULT '',
	first_name           TEXT NOT NULL DEFAULT '',
	last_name            TEXT NOT NULL DEFAULT '',
	business_id          TEXT NOT NULL DEFAULT '', -- Y-tunnus NNNNNNN-C, check digit valid
	email                TEXT NOT NULL DEFAULT '',
	phone                TEXT NOT NULL DEFAULT '',
	street_address       TEXT NOT NULL DEFAULT '',
	postal_code          TEXT NOT NULL DEFAULT '',
	city                 TEXT NOT NULL DEFAULT '',
	country              TEXT NOT NULL DEFAULT '',
	contact_person       TEXT NOT NULL DEFAULT '',
	title                TEXT NOT NULL DEFAULT '',
	payment_method       TEXT NOT NULL DEFAULT '',
	payment_instrument   TEXT NOT NULL DEFAULT '', -- identifiers of the payment instrument
	payment_terms        TEXT NOT NULL DEFAULT '',
	delivery_method      TEXT NOT NULL DEFAULT '',
	delivery_details     TEXT NOT NULL DEFAULT '',
	customer_since       TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD
	customer_until       TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD
	service_ids          TEXT NOT NULL DEFAULT '', -- identifiers used for the services
	communication_ids    TEXT NOT NULL DEFAULT '', -- identifiers for electronic communication
	newsletter           INTEGER NOT NULL DEFAULT 0 CHECK (newsletter IN (0, 1)),
	campaigns            TEXT NOT NULL DEFAULT '', -- campaigns and communications directed at the person
	billing              TEXT NOT NULL DEFAULT '',
	collection           TEXT NOT NULL DEFAULT '',
	credit               TEXT NOT NULL DEFAULT '',
	financing            TEXT NOT NULL DEFAULT '',
	contact_history      TEXT NOT NULL DEFAULT '',
	consents             TEXT NOT NULL DEFAULT '', -- direct-marketing and market-research consents
	direct_marketing_ban INTEGER NOT NULL DEFAULT 0 CHECK (direct_marketing_ban IN (0, 1)),
	market_research_ban  INTEGER NOT NULL DEFAULT 0 CHECK (market_research_ban IN (0, 1)),
	analytics            TEXT NOT NULL DEFAULT '',
	-- Search keys, kept by the register: lower case without diacritics,
	-- the e-mail address in lower case, the phone number as +358….
	name_key             TEXT NOT NULL DEFAULT '',
	email_key            TEXT NOT NULL DEFAULT '',
	phone_key            TEXT NOT NULL DEFAULT '',
	created_at           INTEGER NOT NULL, -- Unix seconds
	updated_at           INTEGER NOT NULL,
	version              INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_by_name ON customers (name_key);
CREATE INDEX customers_by_email ON customers (email_key);
CREATE INDEX customers_by_phone ON customers (phone_key);
CREATE INDEX customers_by_business_id ON customers (business_id);

-- The change log of every field: who, when, old → new, which case, from what.
CREATE TABLE customer_changes (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	field       TEXT NOT NULL,
	old_value   TEXT NOT NULL,
	new_value   TEXT NOT NULL,
	at          TEXT NOT NULL, -- RFC 3339, UTC
	actor       TEXT NOT NULL,
	case_id     INTEGER REFERENCES cases (id),
	source      TEXT NOT NULL  -- "import FILE", or what else made the change
);
CREATE INDEX customer_changes_by_customer ON customer_changes (customer_id, id);
CREATE INDEX customer_changes_by_case ON customer_changes (case_id) WHERE case_id IS NOT NULL;
`,
	// 4: full-text search over the register, and the links from cases to
	// the entries they concern.
	`
-- The words a search finds an entry by: names, company, contact person and
-- e-mail address. unicode61 folds case and diacritics: "makinen" finds
-- Mäkinen. Identifiers (customer number, business ID, phone) are searched
-- through the customers table's own indexes. An import adds its new rows
-- here in one statement at its end; triggers keep the rest in step.
CREATE VIRTUAL TABLE customer_search USING fts4(terms, tokenize=unicode61);
CREATE TRIGGER customers_search_update AFTER UPDATE OF
	first_name, last_name, company_name, contact_person, email ON customers BEGIN
	UPDATE customer_search SET terms = ` + searchTerms("new.") + ` WHERE docid = new.id;
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
	DELETE FROM customer_search WHERE docid = old.id;
END;
INSERT INTO customer_search (docid, terms) SELECT id, ` + searchTerms("") + ` FROM customers;

-- The entries a case concerns. auto: linked by matching, not by an officer;
-- evidence: why, one reason per line.
CREATE TABLE case_customers (
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	auto        INTEGER NOT NULL DEFAULT 0,
	evidence    TEXT NOT NULL,
	linked_at   INTEGER NOT NULL, -- Unix seconds
	actor       TEXT NOT NULL,
	PRIMARY KEY (case_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX case_customers_by_customer ON case_customers (customer_id, case_id);

-- Set once matching or an officer has decided a case's links: matching
-- then leaves the case alone, so an unlinked entry stays unlinked.
ALTER TABLE cases ADD COLUMN links_decided INTEGER NOT NULL DEFAULT 0;
`,
	// 5: the requester's language, carrying out the rights (restriction,
	// what each action did, the recipients to tell), and the audit trail's
	// hash chain.
	`
-- The language of a request, "fi", "sv" or "en": letters and reports to
-- the requester are written in it. Empty for rows stored before.
ALTER TABLE messages ADD COLUMN lang TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN lang TEXT NOT NULL DEFAULT '';

-- Art. 18: a restricted entry is flagged wherever it appears and left out
-- of marketing and of every export but the one to the data subject.
ALTER TABLE customers ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1));
-- Art. 17: when the entry's personal data was erased (Unix seconds), 0 if never.
ALTER TABLE customers ADD COLUMN erased_at INTEGER NOT NULL DEFAULT 0;

-- What each action on a case did, for the answer and for accountability:
-- which entries and fields, what was kept and until when and why. Never
-- the values of erased fields.
CREATE TABLE case_actions (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	action  TEXT NOT NULL, -- objection, rectification, erasure, restriction, restriction lifted, access report
	at      INTEGER NOT NULL, -- Unix seconds
	actor   TEXT NOT NULL,
	record  TEXT NOT NULL -- JSON: see register.ActionRecord
);
CREATE INDEX case_actions_by_case ON case_actions (case_id, id);

-- Art. 19: the recipients to tell of a rectification, erasure or
-- restriction, and when an officer ticked each off.
CREATE TABLE notifications (
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	recipient   TEXT NOT NULL,
	action      TEXT NOT NULL,   -- what they are to be told of
	notified_at INTEGER NOT NULL DEFAULT 0, -- Unix seconds; 0 while still to do
	actor       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (case_id, recipient, action)
) WITHOUT ROWID;

-- The audit trail becomes a hash chain: each entry's hash covers its
-- content and the previous entry's hash (see register/audit.go). Entries
-- written before get theirs when a dsrdesk that knows the chain opens the
-- database; after that a hash is never changed.
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
DROP TRIGGER audit_append_only_update;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
WHEN old.hash <> '' OR new.id IS NOT old.id OR new.at IS NOT old.at OR new.actor IS NOT old.actor
	OR new.case_id IS NOT old.case_id OR new.action IS NOT old.action OR new.detail IS NOT old.detail
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`,
	// 6: answering, extending, closing, and purging old cases.
	`
ALTER TABLE cases ADD COLUMN answered_at INTEGER NOT NULL DEFAULT 0;   -- Unix seconds: the first answer sent; 0 while none
ALTER TABLE cases ADD COLUMN closed_at INTEGER NOT NULL DEFAULT 0;     -- Unix seconds
ALTER TABLE cases ADD COLUMN outcome TEXT NOT NULL DEFAULT '';         -- see register.Outcomes
ALTER TABLE cases ADD COLUMN outcome_reason TEXT NOT NULL DEFAULT '';  -- why: a refusal's reasons, the justification of "manifestly unfounded"
ALTER TABLE cases ADD COLUMN late INTEGER NOT NULL DEFAULT 0;          -- answered or closed after the deadline: stays so
ALTER TABLE cases ADD COLUMN extended_at INTEGER NOT NULL DEFAULT 0;   -- Unix seconds: the deadline was extended (Art. 12(3))
ALTER TABLE cases ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN extension_notified_at INTEGER NOT NULL DEFAULT 0; -- the requester was told of the extension
ALTER TABLE cases ADD COLUMN purged_at INTEGER NOT NULL DEFAULT 0;     -- personal data removed after the retention period
CREATE INDEX cases_by_closed ON cases (status, closed_at);
`,
	// 7: what an erasure kept for the Accounting Act, until when: purge
	// erases each field when its period ends.
	`
CREATE TABLE retained (
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	field       TEXT NOT NULL,
	until       TEXT NOT NULL, -- YYYY-MM-DD: the last day it is kept
	PRIMARY KEY (customer_id, field)
) WITHOUT ROWID;
CREATE INDEX retained_by_until ON retained (until);
`,
	// 8: the sync lease: one process at a time syncs a mailbox, the others
	// follow its changes (see register/lease.go).
	`
CREATE TABLE sync_lease (
	mailbox    TEXT PRIMARY KEY,
	holder     TEXT,    -- hostname, pid and start time of the syncing process
	expires_at INTEGER  -- Unix seconds; the lease is free after this
);
`,
	// 9: UIDs whose fetch keeps failing: counted across syncs, skipped once
	// quarantined, retried on request (see register/quarantine.go).
	`
CREATE TABLE quarantine (
	mailbox     TEXT NOT NULL,
	uidvalidity INTEGER NOT NULL,
	uid         INTEGER NOT NULL,
	tries       INTEGER NOT NULL, -- failed fetches in a row
	reason      TEXT NOT NULL,    -- the last failure
	first_at    INTEGER NOT NULL, -- Unix seconds of the first failure
	last_at     INTEGER NOT NULL,
	retry       INTEGER NOT NULL DEFAULT 0, -- an officer asked to fetch it again
	PRIMARY KEY (mailbox, uidvalidity, uid)
) WITHOUT ROWID;
`,
	// 10: two indexes of schema 2 that no query uses (the threading
	// queries go through cases and messages_by_case; the Other mail
	// through messages_by_case), yet every stored message added to both.
	`
DROP INDEX messages_by_thread;
DROP INDEX messages_without_case;
`,
}

// searchTerms is the SQL expression of the text customer_search holds for
// a customer row; row is "new." in a trigger, "" in a SELECT.
func searchTerms(row string) string {
	return strings.ReplaceAll(`R.first_name || ' ' || R.last_name || ' ' || R.company_name || ' ' ||
	R.contact_person || ' ' || R.email`, "R.", row)
}

// migrate applies the missing migrations in one transaction.
func (db *DB) migrate(ctx context.Context) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		var have int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if have > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this dsrdesk understands (%d): use a newer dsrdesk", have, len(migrations))
		}
		for v := have; v < len(migrations); v++ {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
			}
		}
		if have == len(migrations) {
			return nil
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations)))
		return err
	})
}
