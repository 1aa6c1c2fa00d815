//! Appending many entries inside one transaction (an import of ten thousand documents): the
//! head is read once and then kept in memory, so each entry costs its hash, its signature
//! and one insert, not a lookup of the head as well.
//!
//! The appender must be the only writer of the log while it lives: an entry appended another
//! way in the same transaction would fork the chain, which [`Appender::append`] refuses
//! (it checks that the row it writes is the next one, which the primary key enforces).

use super::entry::Act;
use super::{head, write_entry};
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

    /// Appends one entry, signed by the acting user; gives its sequence number. Two
    /// appenders, or an appender and [`super::append`], interleaved in one transaction would
    /// write the same sequence number twice, which the table's primary key refuses.
    pub(crate) fn append(
        &mut self,
        tx: &Transaction<'_>,
        acting: Acting<'_>,
        act: &Act,
    ) -> Result<i64> {
        let prev = std::mem::take(&mut self.prev);
        let (seq, hash) = write_entry(tx, acting, act, self.last, prev)?;
        self.last = seq;
        self.prev = hash;
        Ok(seq)
    }
}
