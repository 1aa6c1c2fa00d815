//! Appending many entries inside one transaction (an import of ten thousand documents): the
//! head is read once and then kept in memory, so each entry costs its hash, its signature
//! and one insert, not a lookup of the head as well. The signature, which covers only the
//! hash, can be made on another thread ([`crate::crypto::sign::SignAhead`]) before the entry
//! is written.
//!
//! The appender must be the only writer of the log while it lives: an entry appended another
//! way in the same transaction would fork the chain, which the table's primary key refuses
//! (two entries with the same sequence number).

use super::entry::Act;
use super::{head, new_entry, Unsigned};
use crate::identity::Acting;
use crate::Result;
use rusqlite::Transaction;

/// Appends entries one after another inside one transaction.
#[derive(Debug)]
pub(crate) struct Appender {
    last: i64,
    prev: Vec<u8>,
}

impl Appender {
    /// Starts at the log's current head, as `tx` sees it.
    pub(crate) fn new(tx: &Transaction<'_>, store_id: &[u8]) -> Result<Appender> {
        let (last, prev) = head(tx, store_id)?;
        Ok(Appender { last, prev })
    }

    /// The next entry, hashed and chained but not signed or written: the caller has its
    /// [`Unsigned::message`] signed (on another thread, say) and then writes it with
    /// [`Unsigned::insert`]. Entries prepared so must be written in the order prepared, all
    /// within the same transaction, and nothing else may append to the log meanwhile.
    pub(crate) fn prepare(&mut self, acting: Acting<'_>, act: &Act) -> Unsigned {
        let prev = std::mem::take(&mut self.prev);
        let e = new_entry(acting, act, self.last, prev);
        self.last += 1;
        self.prev = e.hash().to_vec();
        e
    }
}
