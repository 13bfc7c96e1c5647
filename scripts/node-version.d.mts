export declare const requiredNodeMajor: number;
export declare function nodeVersionProblem(version: string): string | null;
