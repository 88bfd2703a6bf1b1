"""What both clouds share: errors, retries, validation from the specs, signing adapters, logging, faults."""
