//! `freshdocs serve`: a local preview server with live reload (being written).
