"""Layer 5, report: notebook execution, HTML rendering and the findings helpers the
notebooks call. The only package that reads the environment."""
