package dev.corral.multiline;

/** What a line does to the group of lines open in its stream. */
public enum Decision {
  /** The open group is complete; this line begins the next one. */
  START,
  /** This line joins the open group (or begins one when none is open). */
  JOIN,
  /** This line joins the open group (or begins one) and completes it. */
  JOIN_AND_CLOSE
}
