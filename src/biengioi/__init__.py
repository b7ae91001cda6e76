"""biengioi: the information system for provincial border work."""
