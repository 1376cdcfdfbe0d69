// Slack's Block Kit limits, in one place: the renderer enforces them, the tests read them.
// https://docs.slack.dev/reference/block-kit/blocks
export const slackLimits = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  options: 100,
  optionText: 75,
  viewTitle: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  messageText: 40_000,
  /** A file's alt text (files.getUploadURLExternal). */
  altText: 1000,
} as const;
