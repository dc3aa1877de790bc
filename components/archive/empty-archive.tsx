/** What the popup says before anything is saved. */
export function EmptyArchive() {
  return (
    <div class="empty" data-role="empty-archive">
      <p class="empty-title">存档还是空的</p>
      <p>
        打开一篇东方财富文章，正文上方会出现 EM Lens 面板，列出文中提到的股票和板块。点“保存”，文章就会收进这里，
        只存在你自己的浏览器里。
      </p>
    </div>
  );
}
