export const marker = "corral-test-webjar";
