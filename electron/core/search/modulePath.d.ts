// electron-vite's `?modulePath` import (workerFile.bundle.ts): the path of a separately bundled module.
declare module '*?modulePath' {
  const file: string;
  export default file;
}
