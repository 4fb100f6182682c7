// Moved to shared (the action plan's PDF draws the same heat map on the server, issue 11).
export * from '$shared/canvases/confrontation/heatColor.ts';
