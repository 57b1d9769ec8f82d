"""Build, check and publish the IND 2011 warehouse."""
