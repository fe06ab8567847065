export function countTests(name: string, output: string, ok: boolean): { passed: number; failed: number }
