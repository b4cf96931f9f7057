export const marker = "corral-test-app";
