package net.azt3knet.app.cli;

/** How listing commands write: {@code --format table|json|ndjson|csv}. */
enum ListingFormat { TABLE, JSON, NDJSON, CSV }
