"""Views of Layanan dan Dukungan, one module per sub-domain: public helpdesk and FAQ,
staff tickets, SLA and FAQ settings, rooms and guest book, trainings."""
