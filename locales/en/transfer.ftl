## Transfer packages: src/transfer.
